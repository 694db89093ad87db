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
    let loop: ListenerLoop

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

    /// Stops listening, closes the session and finishes `events`. Safe to call more than once.
    public func stop() { loop.stop() }

    static func isValidChannel(_ channel: String) -> Bool {
        !channel.isEmpty && channel.utf8.count <= 63
            && channel.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}

/// The listener's thread and its wake-up pipe. The libpq handle lives on that thread's stack, so
/// no other thread can reach it; other threads only set `stopping` and write to the pipe.
final class ListenerLoop: Sendable {
    private let conninfo: String
    private let channels: [String]
    private let continuation: AsyncStream<PostgresListenerEvent>.Continuation
    /// Open for the loop's whole life and closed only in deinit, so a late `stop` can never
    /// write to a descriptor number the process has since reused.
    let wakeRead: Int32
    let wakeWrite: Int32
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

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    func start(reportingTo started: CheckedContinuation<Void, Error>) {
        let thread = Thread { [self] in
            var handle: OpaquePointer?
            do {
                handle = try connect()
                started.resume()
            } catch {
                started.resume(throwing: error)
                continuation.finish()
                return
            }
            run(&handle)
            if let handle { PQfinish(handle) }
            continuation.finish()
        }
        thread.name = "occ.postgres.listener"
        thread.start()
    }

    /// Idempotent: only the first call wakes the thread.
    func stop() {
        if stopping.exchange(true, ordering: .sequentiallyConsistent) { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// A session LISTENing on every channel, or an error with nothing left open.
    func connect() throws -> OpaquePointer {
        let conn = try PostgresSession.connect(conninfo, applicationName: "occ-listener", queryName: "listen")
        do {
            for channel in channels {
                // Channel names were validated to [a-z0-9_], so quoting makes them safe identifiers.
                _ = try LibPQResult.consume(PQexec(conn, "LISTEN \"\(channel)\""), connection: conn, queryName: "listen")
            }
        } catch {
            PQfinish(conn)
            throw error
        }
        return conn
    }

    private func run(_ handle: inout OpaquePointer?) {
        while !stopping.load(ordering: .sequentiallyConsistent) {
            guard let open = handle else {
                handle = reconnect()
                continue
            }
            var descriptors = [
                pollfd(fd: PQsocket(open), events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, 5_000)
            if ready < 0 && errno == EINTR { continue }
            if descriptors[1].revents != 0 { return }
            if descriptors[0].revents != 0 {
                if PQconsumeInput(open) == 0 || PQstatus(open) != CONNECTION_OK {
                    PQfinish(open)
                    handle = nil
                    continue
                }
                drainNotifications(open)
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

    /// Retries with backoff until connected (reported as `.reconnected`) or stopped (nil).
    private func reconnect() -> OpaquePointer? {
        var delay: useconds_t = 50_000
        while !stopping.load(ordering: .sequentiallyConsistent) {
            if let handle = try? connect() {
                continuation.yield(.reconnected)
                return handle
            }
            usleep(delay)
            delay = min(delay * 2, 2_000_000)
        }
        return nil
    }
}
