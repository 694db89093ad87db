import CEpoll
import Glibc

/// Accepting on the first loop, which hands each connection to the loops in turn.
extension LoopRunner {
    func acceptAll() {
        guard let listener else { return }
        while true {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listener.fd, $0, &length) }
            }
            guard fd >= 0 else {
                switch errno {
                case EINTR, ECONNABORTED, EPROTO:
                    continue
                case EAGAIN, EWOULDBLOCK:
                    return
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors or memory: rest until the next tick instead of spinning.
                    core.logger.warning("accept failed; backing off", ["errno": String(errno)])
                    loop.register(listener.fd, events: 0, operation: EPOLL_CTL_DEL)
                    acceptPaused = true
                    return
                default:
                    core.logger.error("accept failed; no longer accepting", ["errno": String(errno)])
                    return stopAccepting()
                }
            }
            // Not inherited by child processes (accept4 is not exported to Swift by Glibc's module map).
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
            Socket(fd: fd).setNoDelay()
            admit(fd, remote: SocketAddress(storage).description)
        }
    }

    private func admit(_ fd: Int32, remote: String) {
        let target = loops[nextLoop % loops.count]
        nextLoop &+= 1
        let state = core.state
        let admission = state.admit(maxConnections: core.configuration.maxConnections,
                                    evictIdleAfter: core.configuration.evictIdleAfter) { id in
            LoopConnectionHandle(id: id, loop: target, state: state)
        }
        guard let handle = admission.admitted as? LoopConnectionHandle else {
            if admission.closing {
                Glibc.close(fd)
            } else {
                core.instruments?.rejected.increment()
                HTTPServer.refuse(fd)
            }
            return
        }
        // At the cap the longest-idle connection makes room (closed by its own loop).
        admission.evicted?.evict()
        if target === loop {
            adopt(fd, remote: remote, handle: handle)
        } else {
            target.post(.adopt(fd: fd, remote: remote, handle: handle))
        }
    }

    func resumeAccepting() {
        guard acceptPaused, let listener else { return }
        acceptPaused = false
        loop.register(listener.fd, events: EPOLLIN.rawValue, operation: EPOLL_CTL_ADD)
    }

    /// Stops accepting for good and closes the listening socket.
    func stopAccepting() {
        guard let listener else { return }
        if !acceptPaused { loop.register(listener.fd, events: 0, operation: EPOLL_CTL_DEL) }
        listener.close()
        self.listener = nil
        core.state.acceptLoopEnded()
    }
}
