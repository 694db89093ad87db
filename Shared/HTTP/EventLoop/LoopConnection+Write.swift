import CEpoll
import Glibc

/// Writing answers without blocking: what the socket does not take now waits for `EPOLLOUT`.
extension LoopConnection {
    /// Queues `response` with server-owned framing and moves to writing it.
    func write(_ response: Response, includeBody: Bool, version: HTTPVersion, keepAlive: Bool, linger: Bool) {
        let sendsBody = includeBody && response.status.allowsBody
        queue(ResponseSerializer.head(for: response, keepAlive: keepAlive, version: version,
                                      bodyLength: response.body.count, date: HTTPDate.now()))
        if sendsBody { queue(response.body) }
        phase = .writing(keepAlive: keepAlive, linger: linger)
    }

    /// Appends bytes to the output and restarts the write timeout.
    func queue(_ bytes: [UInt8]) {
        if outputOffset == output.count {
            output = bytes
            outputOffset = 0
        } else {
            output += bytes
        }
        writeDeadline = .now + configuration.writeTimeout
    }

    /// Sends what the socket takes now; `false` if the peer is gone.
    func flush() -> Bool {
        while outputOffset < output.count {
            let sent = output.withUnsafeBytes { buffer in
                send(fd, buffer.baseAddress! + outputOffset, buffer.count - outputOffset, Int32(MSG_DONTWAIT | MSG_NOSIGNAL))
            }
            if sent > 0 {
                outputOffset += sent
                continue
            }
            if sent < 0, errno == EINTR { continue }
            return sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
        }
        if !output.isEmpty {
            output = []
            outputOffset = 0
        }
        return true
    }
}
