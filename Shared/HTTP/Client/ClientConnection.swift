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
            var current = try reader ?? ClientConnection.connect(endpoint, deadline: deadline)
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

    /// Opens a TCP connection to the endpoint before `deadline` (a silent address cannot hold the
    /// caller for the kernel's SYN retries). The socket stays non-blocking: every read and write
    /// on it polls with its own deadline.
    static func connect(_ endpoint: Endpoint, deadline: ContinuousClock.Instant) throws(HTTPClientError) -> SocketReader {
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
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard fd >= 0 else {
                lastError = errno
                continue
            }
            let socket = Socket(fd: fd)
            var connected = Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0
            if !connected {
                if errno == EINPROGRESS {
                    connected = finishConnect(socket, deadline: deadline, error: &lastError)
                } else {
                    lastError = errno
                }
            }
            if connected {
                socket.setNoDelay()
                return SocketReader(socket: socket, capacity: 64 * 1024)
            }
            close(fd)
            if ContinuousClock.now >= deadline { throw .timedOut }
        }
        throw .connectFailed(String(cString: strerror(lastError)))
    }

    /// Waits for a non-blocking connect to finish; false (with the reason in `error`) if it failed or timed out.
    private static func finishConnect(_ socket: Socket, deadline: ContinuousClock.Instant, error: inout Int32) -> Bool {
        guard socket.wait(for: Int16(POLLOUT), until: deadline) == .ready else {
            error = ETIMEDOUT
            return false
        }
        var status: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(socket.fd, SOL_SOCKET, SO_ERROR, &status, &length) == 0, status == 0 else {
            error = status == 0 ? errno : status
            return false
        }
        return true
    }
}
