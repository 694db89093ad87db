import CLibPQ
import Dispatch
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
public final class PostgresConnection: @unchecked Sendable {
    // Invariant: `handle`, `statements` and `statementCounter` are only touched while holding
    // `access`, so libpq (not thread-safe per connection) sees one thread at a time; only threads
    // that may block ever take it. `cancelToken` is behind its own Mutex (cancellation arrives
    // from any thread, mid-query).
    let executor = ConnectionThread()
    private let access = Mutex<Void>(())
    /// A BEGIN that `transaction` has not sent yet: it travels with the transaction's first statement.
    private let deferredBegin = Mutex<String?>(nil)
    /// Set when a transaction's body committed itself with `pipelineAndCommit`.
    let committedEarly = Mutex(false)
    var handle: OpaquePointer?
    var statements: [String: String] = [:]
    var statementCounter = 0
    private let cancelToken = Mutex<CancelToken?>(nil)

    /// Statements beyond this many distinct SQL texts run unnamed rather than growing the cache.
    static let statementCacheLimit = 512

    private init() {}

    deinit {
        if let handle { PQfinish(handle) }
        executor.stop()
    }

    /// Opens a connection from a `postgresql://` URL or a `key=value` conninfo string.
    ///
    /// TLS and other libpq options in the string (`sslmode`, `sslrootcert`, …) pass straight through.
    public static func connect(_ conninfo: String, applicationName: String = "occ") async throws -> PostgresConnection {
        let connection = PostgresConnection()
        try await connection.onExecutor(ignoringCancellation: false) { connection in
            try connection.open(conninfo, applicationName: applicationName)
        }
        return connection
    }

    private func open(_ conninfo: String, applicationName: String) throws {
        // Keywords before `dbname` are defaults that the caller's own string may override.
        let keywords = ["connect_timeout", "application_name", "dbname", "client_encoding"]
        let values = ["10", applicationName, conninfo, "UTF8"]
        let conn = withCStrings(keywords) { keys in
            withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let message = conn.flatMap { PQerrorMessage($0) }.map { String(cString: $0) }
            if let conn { PQfinish(conn) }
            throw PostgresError(.connectionFailed, reason: "could not connect", serverMessage: message)
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        handle = conn
        // JIT compiles for hundreds of milliseconds to save microseconds on short OLTP statements.
        _ = try LibPQResult.consume(
            PQexec(conn, "SET DateStyle = ISO; SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET jit = off"),
            connection: conn, queryName: "session_setup")
        let token = PQgetCancel(conn).map(CancelToken.init)
        cancelToken.withLock { $0 = token }
    }

    /// Runs `work` on this connection's queue with its open libpq handle.
    func onExecutor<T: Sendable>(
        ignoringCancellation: Bool = false, queryName: String? = nil,
        _ work: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        if !ignoringCancellation, Task.isCancelled {
            throw PostgresError(.cancelled, queryName: queryName, reason: "task cancelled before the query ran")
        }
        let operation = {
            if BlockingThread.isCurrent { return try self.access.withLock { _ in try work(self) } }
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
                self.executor.async {
                    continuation.resume(with: Result { try self.access.withLock { _ in try work(self) } })
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

    /// The open handle, or an error naming the query if the connection was closed.
    func requireHandle(_ queryName: String?) throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(.connectionClosed, queryName: queryName, reason: "connection is closed")
        }
        return handle
    }

    /// Makes the next statement open a transaction with `statement` (BEGIN …), saving a round trip.
    func deferBegin(_ statement: String) {
        deferredBegin.withLock { $0 = statement }
    }

    /// The deferred BEGIN, if one is pending, which the caller must now send; clears it.
    func takeDeferredBegin() -> String? {
        deferredBegin.withLock { pending in
            defer { pending = nil }
            return pending
        }
    }

    /// Asks the server to cancel whatever this connection is running now; safe from any thread.
    public func cancel() {
        cancelToken.withLock { token in token?.send() }
    }

    /// Whether the session is still usable (socket open, not mid-transaction failure).
    public var isHealthy: Bool {
        get async {
            (try? await onExecutor(ignoringCancellation: true) { connection in
                guard let handle = connection.handle else { return false }
                return PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
                    && PQpipelineStatus(handle) == PQ_PIPELINE_OFF
            }) ?? false
        }
    }

    /// Closes the session; later calls fail with `.connectionClosed`.
    public func close() async {
        cancelToken.withLock { $0 = nil }
        _ = try? await onExecutor(ignoringCancellation: true) { connection in
            if let handle = connection.handle { PQfinish(handle) }
            connection.handle = nil
            connection.statements.removeAll()
        }
    }
}

/// libpq's cancel object: independent of the connection and usable from any thread.
final class CancelToken: @unchecked Sendable {
    // Invariant: the pointer is owned here, freed once in deinit, and PQcancel is thread-safe.
    private let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { PQfreeCancel(pointer) }

    func send() {
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(pointer, &buffer, Int32(buffer.count))
    }
}

func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let duplicated = strings.map { strdup($0) }
    defer { duplicated.forEach { free($0) } }
    var pointers: [UnsafePointer<CChar>?] = duplicated.map { UnsafePointer($0) }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
