import Glibc

/// The accept loop, on its own thread.
extension HTTPServer {
    func startAcceptLoop(_ listener: Listener) -> Bool {
        let core = self.core
        return OSThread.spawn(stackSize: 256 * 1024) {
            HTTPServer.acceptLoop(listener, core: core)
            listener.close()
            core.state.acceptLoopEnded()
        }
    }

    private static func acceptLoop(_ listener: Listener, core: ServerCore) {
        let socket = Socket(fd: listener.fd)
        while true {
            guard socket.wait(for: Int16(POLLIN), until: nil, wake: core.wake.readFD) == .ready else { return }
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(listener.fd, $0, &length)
                }
            }
            // Not inherited by child processes (accept4 is not exported to Swift by Glibc's module map).
            if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            guard fd >= 0 else {
                switch errno {
                case EINTR, EAGAIN, ECONNABORTED, EPROTO:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors or memory: back off instead of spinning on a readable listener.
                    core.logger.warning("accept failed; backing off", ["errno": String(errno)])
                    usleep(50_000)
                    continue
                default:
                    core.logger.error("accept failed; no longer accepting", ["errno": String(errno)])
                    return
                }
            }
            admit(fd, remote: SocketAddress(storage).description, core: core)
        }
    }

    private static func admit(_ fd: Int32, remote: String, core: ServerCore) {
        switch core.state.admit(fd: fd, maxConnections: core.configuration.maxConnections) {
        case .accepted(let handle):
            // Handlers run on this thread (see `Exchange`): give them room for deep but bounded recursion.
            let started = OSThread.spawn(stackSize: 1 << 20) {
                Connection(handle: handle, core: core, remoteAddress: remote).run()
            }
            if !started {
                core.logger.warning("cannot start a connection thread; closing connection", ["remote": remote])
                handle.close()
                core.state.connectionEnded(handle.id)
            }
        case .busy:
            core.instruments?.rejected.increment()
            refuse(fd)
        case .closing:
            close(fd)
        }
    }

    /// Answers 503 without blocking the accept loop: one non-blocking write, a half-close, a quick drain.
    static func refuse(_ fd: Int32) {
        let response = HTTPError(.serviceUnavailable, detail: "too many connections", headers: ["Retry-After": "1"])
            .response()
        let bytes = ResponseSerializer.head(for: response, keepAlive: false, version: .http1_1,
                                            bodyLength: response.body.count, date: HTTPDate.now()) + response.body
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL)) }
        Glibc.shutdown(fd, Int32(SHUT_WR))
        var scratch = [UInt8](repeating: 0, count: 4096)
        _ = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        close(fd)
    }
}
