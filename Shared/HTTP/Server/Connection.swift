import Runtime
/// One client connection, served sequentially on its own thread (all members are confined to that thread).
final class Connection {
    let handle: ConnectionHandle
    let core: ServerCore
    let remoteAddress: String
    let acceptedAt = ContinuousClock.now
    var reader: SocketReader
    var requestsServed = 0

    var configuration: HTTPServer.Configuration { core.configuration }

    init(handle: ConnectionHandle, core: ServerCore, remoteAddress: String) {
        self.handle = handle
        self.core = core
        self.remoteAddress = remoteAddress
        reader = SocketReader(socket: handle.socket, capacity: core.configuration.readBufferBytes)
    }

    /// Serves requests until the connection is to be closed, then closes it.
    func run() {
        // Handlers run on this thread (see `Exchange`) and may block on it, e.g. in a database call.
        BlockingThread.markCurrent()
        handle.socket.setNoDelay()
        core.instruments?.active.increment()
        defer {
            // The slot is freed before the socket closes: a client that saw the close may connect again at once.
            core.state.connectionEnded(handle.id)
            core.instruments?.active.decrement()
            handle.close()
        }
        while serveNextRequest() {
            requestsServed += 1
        }
    }

    /// Reads, handles and answers one request; `true` if the connection stays open for another.
    private func serveNextRequest() -> Bool {
        switch readHead() {
        case .closed:
            return false
        case .rejected(let error):
            reject(error)
            return false
        case .head(let head):
            do {
                return exchange(head, framing: try RequestFraming(head))
            } catch {
                reject(error)
                return false
            }
        }
    }

    /// Answers a request that never reaches a handler, then closes.
    func reject(_ error: HTTPError) {
        core.instruments?.protocolError(error.status)
        core.logger.debug("rejected request", [
            "status": String(error.status.code), "reason": error.detail ?? "", "remote": remoteAddress,
        ])
        _ = write(error.response(), includeBody: true, version: .http1_1, keepAlive: false)
        handle.socket.lingeringClose(for: configuration.lingerTimeout)
    }
}
