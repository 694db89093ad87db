import CLibPQ
import Foundation
import Glibc
import Synchronization

/// A dedicated session that LISTENs on channels and streams notifications.
///
/// It runs on its own thread, blocked in poll(2) on the socket and a wake-up pipe, so delivery
/// costs no polling delay. On connection loss it reconnects with backoff and reports
/// `.reconnected`: NOTIFY is only a hint, and consumers keep polling as their backstop.
public final class PostgresListener: Sendable {
    public let events: AsyncStream<PostgresListenerEvent>
    private let loop: ListenerLoop

    private init(events: AsyncStream<PostgresListenerEvent>, loop: ListenerLoop) {
        self.events = events
        self.loop = loop
    }

    /// Connects, LISTENs on `channels` (lower-case letters, digits and `_`) and starts streaming.
    public static func start(conninfo: String, channels: [String]) async throws -> PostgresListener {
        for channel in channels where !isValidChannel(channel) {
            throw PostgresError(.protocolViolation, queryName: "listen", reason: "invalid channel name")
        }
        let (stream, continuation) = AsyncStream<PostgresListenerEvent>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let loop = try ListenerLoop(conninfo: conninfo, channels: channels, continuation: continuation)
        try await withCheckedThrowingContinuation { (started: CheckedContinuation<Void, Error>) in
            loop.start(reportingTo: started)
        }
        return PostgresListener(events: stream, loop: loop)
    }

    /// Stops listening, closes the session and finishes `events`.
    public func stop() { loop.stop() }

    static func isValidChannel(_ channel: String) -> Bool {
        !channel.isEmpty && channel.utf8.count <= 63
            && channel.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}

final class ListenerLoop: @unchecked Sendable {
    // Invariant: `handle` is only touched by the listener thread once `start` is called;
    // the other thread only writes to `wakeWrite` (a pipe, thread-safe) and sets `stopping`.
    private var handle: OpaquePointer?
    private let conninfo: String
    private let channels: [String]
    private let continuation: AsyncStream<PostgresListenerEvent>.Continuation
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let stopping = Atomic<Bool>(false)

    init(conninfo: String, channels: [String], continuation: AsyncStream<PostgresListenerEvent>.Continuation) throws {
        self.conninfo = conninfo
        self.channels = channels
        self.continuation = continuation
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw PostgresError(.connectionFailed, reason: "could not create wake-up pipe") }
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    func start(reportingTo started: CheckedContinuation<Void, Error>) {
        let thread = Thread { [self] in
            do {
                try connect()
                started.resume()
            } catch {
                started.resume(throwing: error)
                finish()
                return
            }
            run()
            finish()
        }
        thread.name = "occ.postgres.listener"
        thread.start()
    }

    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private func connect() throws {
        let conn = withCStrings(["connect_timeout", "application_name", "dbname"]) { keys in
            withCStrings(["10", "occ-listener", conninfo]) { values in PQconnectdbParams(keys, values, 1) }
        }
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let message = conn.flatMap { PQerrorMessage($0) }.map { String(cString: $0) }
            if let conn { PQfinish(conn) }
            throw PostgresError(.connectionFailed, queryName: "listen", reason: "could not connect", serverMessage: message)
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        for channel in channels {
            // Channel names were validated to [a-z0-9_], so quoting makes them safe identifiers.
            _ = try LibPQResult.consume(PQexec(conn, "LISTEN \"\(channel)\""), connection: conn, queryName: "listen")
        }
        handle = conn
    }

    private func run() {
        while !stopping.load(ordering: .sequentiallyConsistent) {
            guard let handle else { reconnect(); continue }
            var descriptors = [
                pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, 5_000)
            if ready < 0 && errno == EINTR { continue }
            if descriptors[1].revents != 0 { return }
            if descriptors[0].revents != 0 {
                if PQconsumeInput(handle) == 0 || PQstatus(handle) != CONNECTION_OK {
                    PQfinish(handle)
                    self.handle = nil
                    continue
                }
                drainNotifications(handle)
            }
        }
    }

    private func drainNotifications(_ handle: OpaquePointer) {
        while let notice = PQnotifies(handle) {
            let channel = String(cString: notice.pointee.relname)
            let payload = notice.pointee.extra.map { String(cString: $0) } ?? ""
            PQfreemem(notice)
            continuation.yield(.notification(channel: channel, payload: payload))
        }
    }

    private func reconnect() {
        var delay: useconds_t = 50_000
        while !stopping.load(ordering: .sequentiallyConsistent) {
            if (try? connect()) != nil {
                continuation.yield(.reconnected)
                return
            }
            usleep(delay)
            delay = min(delay * 2, 2_000_000)
        }
    }

    private func finish() {
        if let handle { PQfinish(handle) }
        handle = nil
        close(wakeRead)
        close(wakeWrite)
        continuation.finish()
    }
}
