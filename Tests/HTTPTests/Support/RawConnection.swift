import Dispatch
import Glibc
@testable import HTTP

/// A plain TCP connection for sending arbitrary bytes, with blocking work on its own queue.
/// Default waits are generous bounds for a hung test, not measurements: sanitizer builds on a busy
/// two-core machine answer in seconds, not milliseconds.
// @unchecked Sendable: `reader` is only touched on `queue`.
final class RawConnection: @unchecked Sendable {
    private let queue = DispatchQueue(label: "raw-connection")
    private var reader: SocketReader

    private init(reader: SocketReader) {
        self.reader = reader
    }

    deinit {
        close(reader.socket.fd)
    }

    /// How long an exchange may take before a test gives up on it. Generous: the whole suite runs
    /// in parallel on a small machine shared with builds; an exchange that works returns at once,
    /// only a broken one waits this long.
    static let patience: Duration = .seconds(30)

    static func open(port: Int) async throws -> RawConnection {
        let endpoint = ClientConnection.Endpoint(host: "127.0.0.1", port: port, timeout: patience, maxResponseBytes: 1 << 26)
        return RawConnection(reader: try await onQueue(DispatchQueue(label: "connect")) {
            try ClientConnection.connect(endpoint, deadline: .now + patience)
        })
    }

    /// Writes `bytes`; `false` if the server has closed or reset the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) async -> Bool {
        await run { connection in connection.reader.socket.sendAll(bytes, deadline: .now + Self.patience) }
    }

    /// Writes UTF-8 text.
    @discardableResult
    func send(_ text: String) async -> Bool {
        await send(Array(text.utf8))
    }

    /// Reads one complete response.
    func response(method: HTTPMethod = .get, timeout: Duration = RawConnection.patience) async throws -> ClientResponse {
        try await run { connection in
            let endpoint = ClientConnection.Endpoint(host: "", port: 0, timeout: timeout, maxResponseBytes: 1 << 26)
            return try ClientResponseReader.read(from: &connection.reader, method: method, deadline: .now + timeout,
                                                 endpoint: endpoint).0
        }
    }

    /// Whether the server closes the connection (EOF or reset) within `timeout`, discarding anything it sends.
    func closes(within timeout: Duration = RawConnection.patience) async -> Bool {
        await run { connection in
            let deadline = ContinuousClock.now + timeout
            while true {
                connection.reader.consume(connection.reader.available)
                do {
                    try connection.reader.fill(until: deadline)
                } catch SocketReader.FillError.timedOut {
                    return false
                } catch {
                    return true
                }
            }
        }
    }

    /// The next head the server sends (through its blank line), or what arrived before `timeout`;
    /// bytes after the head stay unread.
    func head(timeout: Duration = .seconds(30)) async -> String {
        await run { connection in
            let deadline = ContinuousClock.now + timeout
            let end = Array("\r\n\r\n".utf8)
            while connection.reader.bytes.firstRange(of: end) == nil {
                do { try connection.reader.fill(until: deadline) } catch { break }
            }
            let length = connection.reader.bytes.firstRange(of: end).map { $0.upperBound - connection.reader.start }
            return String(decoding: connection.reader.take(upTo: length ?? connection.reader.available), as: UTF8.self)
        }
    }

    /// Everything received until the server closes or `timeout` passes.
    func readAll(timeout: Duration = RawConnection.patience) async -> String {
        await run { connection in
            let deadline = ContinuousClock.now + timeout
            var bytes: [UInt8] = []
            while true {
                bytes += connection.reader.take(upTo: connection.reader.available)
                do {
                    try connection.reader.fill(until: deadline)
                } catch {
                    return String(decoding: bytes, as: UTF8.self)
                }
            }
        }
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable (RawConnection) -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work(self)) }
        }
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable (RawConnection) throws -> T) async throws -> T {
        try await RawConnection.onQueue(queue) { try work(self) }
    }

    private static func onQueue<T: Sendable>(_ queue: DispatchQueue, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
