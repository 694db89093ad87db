import Foundation

/// The idle keep-alive connections of `occ bench idle`: each sends one `GET /healthz`, reads the
/// answer, and then holds its socket open without a word.
struct IdleConnections {
    private var descriptors: [Int32] = []

    var count: Int { descriptors.count }

    /// Opens `count` connections in rounds of 500 (connect and send for the round, then read each
    /// answer), so the server's accept backlog is never the limit being measured.
    mutating func open(_ count: Int, port: Int) throws {
        let request = Array("GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n".utf8)
        while descriptors.count < count {
            var round: [Int32] = []
            for _ in 0..<min(500, count - descriptors.count) {
                let fd = SlowSocket.connectTo(port: port)
                guard fd >= 0 else { throw failure("connection \(descriptors.count + round.count + 1) was refused (errno \(errno))") }
                round.append(fd)
                guard SlowSocket.send(fd, request) else { throw failure("a request could not be sent (errno \(errno))") }
            }
            for fd in round {
                guard Self.readAnswer(fd) else { throw failure("connection \(descriptors.count + 1) got no 200 answer") }
                descriptors.append(fd)
            }
        }
    }

    /// How many connections the server has not closed.
    func stillOpen() -> Int { descriptors.filter { !SlowSocket.closedByPeer($0) }.count }

    mutating func closeAll() {
        descriptors.forEach { _ = close($0) }
        descriptors = []
    }

    /// Reads (blocking, up to 5 s) until a whole `200` answer with its 2-byte body has arrived.
    private static func readAnswer(_ fd: Int32) -> Bool {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var answer: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 1024)
        while answer.count < 4096 {
            let read = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard read > 0 else { return false }
            answer += scratch[0..<read]
            let text = String(decoding: answer, as: UTF8.self)
            if text.hasPrefix("HTTP/1.1 200"), text.hasSuffix("\r\n\r\nok") { return true }
        }
        return false
    }

    private func failure(_ text: String) -> CommandExit {
        CommandExit(status: 1, description: "occ bench idle: \(text)")
    }
}
