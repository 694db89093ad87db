import Glibc

/// The socket behind an `HTTPClient`.
// @unchecked Sendable: every member is used only from the owning client's serial queue (or from deinit, when
// no queue work can still hold a reference).
final class ClientConnection: @unchecked Sendable {
    struct Endpoint: Sendable {
        let host: String
        let port: Int
        let timeout: Duration
        let maxResponseBytes: Int
    }

    /// The connection closed before any byte of the response: a stale keep-alive connection, worth one retry.
    struct Stale: Error {}

    private var reader: SocketReader?

    deinit {
        disconnect()
    }

    func disconnect() {
        if let reader { close(reader.socket.fd) }
        reader = nil
    }

    /// Sends `request` and reads the response, reconnecting once if a reused connection turns out closed.
    func perform(_ request: [UInt8], method: HTTPMethod, endpoint: Endpoint) throws -> ClientResponse {
        let deadline = ContinuousClock.now + endpoint.timeout
        for attempt in 0..<2 {
            let reused = reader != nil
            var current = try reader ?? ClientConnection.connect(endpoint)
            reader = nil
            do {
                guard current.socket.sendAll(request, deadline: deadline) else { throw Stale() }
                let (response, keepAlive) = try ClientResponseReader.read(
                    from: &current, method: method, deadline: deadline, endpoint: endpoint)
                if keepAlive { reader = current } else { close(current.socket.fd) }
                return response
            } catch is Stale where reused && attempt == 0 {
                close(current.socket.fd)
            } catch is Stale {
                close(current.socket.fd)
                throw HTTPClientError.connectionClosed
            } catch {
                close(current.socket.fd)
                throw error
            }
        }
        throw HTTPClientError.connectionClosed
    }

    /// Opens a TCP connection to the endpoint.
    static func connect(_ endpoint: Endpoint) throws(HTTPClientError) -> SocketReader {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &results)
        guard status == 0, let first = results else {
            throw .connectFailed(String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(results) }
        var lastError = ECONNREFUSED
        for info in sequence(first: first, next: { $0.pointee.ai_next }) {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastError = errno
                continue
            }
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                let socket = Socket(fd: fd)
                socket.setNoDelay()
                return SocketReader(socket: socket, capacity: 64 * 1024)
            }
            lastError = errno
            close(fd)
        }
        throw .connectFailed(String(cString: strerror(lastError)))
    }
}
