import Foundation

/// One attacking socket of `occ bench slowloris`: sends its bytes slowly (or idles), reconnecting
/// whenever the server cuts it off, until cancelled.
enum SlowSocket {
    static func attack(_ attack: BenchSlowlorisCommand.Attack, port: Int) async {
        while !Task.isCancelled {
            let fd = connectTo(port: port)
            guard fd >= 0 else {
                try? await Task.sleep(for: .milliseconds(200))
                continue
            }
            defer { close(fd) }
            let (opening, trickle): (String, String) = switch attack {
            case .slowHead: ("", "GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Slow: " + String(repeating: "a", count: 1000))
            case .slowBody: ("POST /upload HTTP/1.1\r\nHost: bench\r\nContent-Length: 100000\r\n\r\n", String(repeating: "b", count: 100_000))
            case .idle: ("GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n", "")
            }
            guard send(fd, Array(opening.utf8)) else { continue }
            if trickle.isEmpty {
                // Idle after one request: only a server that closes the connection ends the wait.
                while !Task.isCancelled, !closedByPeer(fd) { try? await Task.sleep(for: .seconds(1)) }
                continue
            }
            for byte in trickle.utf8 {
                guard !Task.isCancelled, send(fd, [byte]) else { break }
                try? await Task.sleep(for: .seconds(5))
            }
        }
    }

    static func connectTo(port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return -1
        }
        return fd
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.isEmpty || bytes.withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) } > 0
    }

    /// Whether the peer closed, discarding whatever it sent.
    static func closedByPeer(_ fd: Int32) -> Bool {
        var scratch = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 { continue }
            return count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)
        }
    }
}
