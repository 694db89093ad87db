import CLibPQ
import Glibc
import Runtime
import Synchronization

/// One PostgreSQL session over libpq.
///
/// libpq calls block, so a call from Swift's cooperative pool runs on the connection's own thread
/// and resumes the caller through a continuation: the pool never blocks. A caller already on a
/// thread that may block (`BlockingThread`: this connection's thread under `withAffinity`, or an
/// HTTP connection's thread) makes the call in place, saving two thread wake-ups per query.
/// A connection runs one operation at a time; share connections through `PostgresPool`.
public final class PostgresConnection: Sendable {
    let executor = ConnectionThread()
    /// The libpq session. Its lock is held for whole libpq calls, so only threads that may block
    /// (this connection's thread, or a `BlockingThread` caller running in place) ever take it.
    let session = Mutex(PostgresSession())
    /// What `transaction` tracks; never held across a libpq call, so any thread may take it.
    let transactionState = Mutex(TransactionState())
    /// Separate from `session`: cancellation arrives from any thread while a query holds that lock.
    private let cancelToken = Mutex<CancelToken?>(nil)

    private init() {}

    deinit {
        session.withLock { $0.finish() }
        executor.stop()
    }

    /// Opens a connection from a `postgresql://` URL or a `key=value` conninfo string.
    ///
    /// TLS and other libpq options in the string (`sslmode`, `sslrootcert`, …) pass straight
    /// through, and override the defaults in `PostgresSession.connect` (TCP keepalives and a TCP
    /// user timeout, so a dead peer fails a call instead of hanging it).
    public static func connect(_ conninfo: String, applicationName: String = "occ") async throws -> PostgresConnection {
        let connection = PostgresConnection()
        try await connection.onExecutor(ignoringCancellation: false) { session in
            let handle = try PostgresSession.connect(conninfo, applicationName: applicationName, queryName: nil)
            session.handle = handle
            // JIT compiles for hundreds of milliseconds to save microseconds on short OLTP statements.
            _ = try session.runSimple(
                "SET DateStyle = ISO; SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET jit = off", name: "session_setup")
            let token = PQgetCancel(handle).map(CancelToken.init)
            connection.cancelToken.withLock { $0 = token }
        }
        return connection
    }

    /// Runs `work` with the open session, in place on a thread that may block, otherwise on this
    /// connection's thread. Task cancellation asks the server to cancel the running statement.
    func onExecutor<T: Sendable>(
        ignoringCancellation: Bool = false, queryName: String? = nil,
        _ work: @escaping @Sendable (inout PostgresSession) throws -> T
    ) async throws -> T {
        if !ignoringCancellation, Task.isCancelled {
            throw PostgresError(.cancelled, queryName: queryName, reason: "task cancelled before the query ran")
        }
        let operation = {
            if BlockingThread.isCurrent { return try self.session.withLock { try work(&$0) } }
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
                self.executor.async {
                    continuation.resume(with: Result { try self.session.withLock { try work(&$0) } })
                }
            }
        }
        if ignoringCancellation { return try await operation() }
        return try await withTaskCancellationHandler(operation: operation, onCancel: { self.cancel() })
    }

    /// Runs `body` with this connection's thread as the task's preferred executor (unless the caller
    /// is already on a thread that may block): everything the body does between queries runs there
    /// as well, so each query skips two thread hand-offs.
    /// Tasks started inside inherit the thread, so while a query runs none of them can: start
    /// timers and watchdogs with `Task(executorPreference: globalConcurrentExecutor)` or outside,
    /// and cancel a lease's queries from outside it (cancellation itself never needs this thread).
    public func withAffinity<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        // Already on a thread that may block: stay, and the queries run in place.
        if BlockingThread.isCurrent { return try await body(self) }
        return try await withTaskExecutorPreference(executor) { try await body(self) }
    }

    /// Asks the server to cancel whatever this connection is running now; safe from any thread
    /// and never blocks it: the request goes out on the one shared cancellation thread.
    public func cancel() {
        cancelToken.withLock { $0 }?.send()
    }

    /// Closes the session; later calls fail with `.connectionClosed`.
    public func close() async {
        cancelToken.withLock { $0 = nil }
        _ = try? await onExecutor(ignoringCancellation: true) { session in session.finish() }
    }
}

func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let duplicated = strings.map { strdup($0) }
    defer { duplicated.forEach { free($0) } }
    var pointers: [UnsafePointer<CChar>?] = duplicated.map { UnsafePointer($0) }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
