import Glibc

/// Thin, non-owning helpers over a connected socket descriptor; every wait is bounded by a deadline.
struct Socket: Sendable {
    let fd: Int32

    enum WaitResult {
        case ready
        case timedOut
        case woken
    }

    enum ReceiveResult {
        case bytes(Int)
        case closed
        case wouldBlock
        case failed
    }

    /// Waits for `events` on the socket, for `deadline` (forever if `nil`), or for `wake` to become readable.
    func wait(for events: Int16, until deadline: ContinuousClock.Instant?, wake: Int32? = nil) -> WaitResult {
        var fds = [pollfd(fd: fd, events: events, revents: 0)]
        if let wake { fds.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
        while true {
            let result = poll(&fds, nfds_t(fds.count), Socket.milliseconds(until: deadline))
            if result < 0 {
                if errno == EINTR { continue }
                // Treat poll failure as readiness: the following recv/send reports the real error.
                return .ready
            }
            if result == 0 {
                if let deadline, ContinuousClock.now < deadline { continue }
                return .timedOut
            }
            // Data or a hang-up on the socket wins over the wake-up, so a started request is not lost.
            if fds[0].revents != 0 { return .ready }
            return .woken
        }
    }

    /// One non-blocking `recv` into `buffer`.
    func receive(into buffer: UnsafeMutableRawBufferPointer) -> ReceiveResult {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
            if count > 0 { return .bytes(count) }
            if count == 0 { return .closed }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed
            }
        }
    }

    /// Sends every byte before `deadline`; `false` if the peer is gone or too slow.
    func sendAll(_ bytes: UnsafeRawBufferPointer, deadline: ContinuousClock.Instant) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var offset = 0
        while offset < bytes.count {
            let sent = send(fd, base + offset, bytes.count - offset, Int32(MSG_DONTWAIT | MSG_NOSIGNAL))
            if sent > 0 {
                offset += sent
                continue
            }
            guard sent < 0, errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK else { return false }
            if errno != EINTR, wait(for: Int16(POLLOUT), until: deadline) != .ready { return false }
        }
        return true
    }

    /// Sends `bytes` before `deadline`.
    func sendAll(_ bytes: [UInt8], deadline: ContinuousClock.Instant) -> Bool {
        bytes.withUnsafeBytes { sendAll($0, deadline: deadline) }
    }

    /// Disables Nagle's algorithm: responses are written whole, so delaying them only adds latency.
    func setNoDelay() {
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Half-closes, then reads and discards what the peer still sends (bounded), so that closing does not
    /// reset the connection before the peer has read our final response.
    func lingeringClose(for duration: Duration, maxBytes: Int = 256 * 1024) {
        shutdown(fd, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + duration
        var discarded = 0
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        while discarded < maxBytes, wait(for: Int16(POLLIN), until: deadline) == .ready {
            let result = scratch.withUnsafeMutableBytes { receive(into: $0) }
            guard case .bytes(let count) = result else {
                if case .wouldBlock = result { continue }
                return
            }
            discarded += count
        }
    }

    /// Milliseconds left until `deadline` for `poll`, rounded up; -1 means wait forever.
    static func milliseconds(until deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return -1 }
        let remaining = (deadline - ContinuousClock.now).components
        guard remaining.seconds >= 0, remaining.seconds > 0 || remaining.attoseconds > 0 else { return 0 }
        let millis = remaining.seconds * 1000 + (remaining.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: millis)
    }
}
