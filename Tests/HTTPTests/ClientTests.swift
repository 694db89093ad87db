import Dispatch
import Glibc
@testable import HTTP
import Testing

@Suite struct ClientTests {
    /// Accepts one connection and replays `reply` to each request head it receives, then closes.
    /// Its 30 s waits only bound a hung test (sanitizer builds on a busy machine are slow).
    static func fakeServer(replies: [String]) throws -> Int {
        let listener = try Listener.bind(host: "127.0.0.1", port: 0)
        DispatchQueue(label: "fake-server").async {
            let fd = accept(listener.fd, nil, nil)
            guard fd >= 0 else { return }
            defer {
                close(fd)
                listener.close()
            }
            var reader = SocketReader(socket: Socket(fd: fd), capacity: 65536)
            for reply in replies {
                while reader.bytes.firstRange(of: Array("\r\n\r\n".utf8)) == nil {
                    do { try reader.fill(until: .now + RawConnection.patience) } catch { return }
                }
                reader.consume(reader.available)
                _ = reader.socket.sendAll(Array(reply.utf8), deadline: .now + RawConnection.patience)
            }
        }
        return listener.port
    }

    /// A webhook receiver answers `Content-Length: 0` and closes: the empty body is complete at
    /// once, not read for (which met the close and failed the request).
    @Test func anEmptySizedBodyBeforeACloseIsAResponse() async throws {
        let port = try Self.fakeServer(replies: ["HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"])
        let client = HTTPClient(port: port, timeout: RawConnection.patience)
        let response = try await client.send(.post, "/hook", headers: ["Connection": "close"], body: Array("{}".utf8))
        #expect(response.status == .ok)
        #expect(response.body.isEmpty)
        await client.close()
    }

    /// Connecting to a port nothing listens on fails at once with the reason.
    @Test func aRefusedConnectionFailsAtOnce() async throws {
        let listener = try Listener.bind(host: "127.0.0.1", port: 0)
        let port = listener.port
        listener.close()
        let client = HTTPClient(port: port, timeout: RawConnection.patience)
        await #expect(throws: HTTPClientError.connectFailed("Connection refused")) { try await client.get("/") }
    }

    @Test func readsChunkedAndSizedResponsesOnOneConnection() async throws {
        let port = try Self.fakeServer(replies: [
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n",
            "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
            "HTTP/1.0 200 OK\r\n\r\nuntil close",
        ])
        let client = HTTPClient(port: port, timeout: RawConnection.patience)
        let first = try await client.get("/a")
        #expect(first.status == .ok)
        #expect(first.text == "Wikipedia")
        let second = try await client.get("/b")
        #expect(second.status == .created)
        #expect(second.text == "ok")
        #expect(try await client.get("/c").text == "until close")
    }

    @Test func reportsConnectionFailures() async throws {
        // A bound but non-listening socket holds the port, so nothing else can take it and connecting is refused.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let port = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic -> Int in
                guard bind(fd, generic, length) == 0, getsockname(fd, generic, &length) == 0 else { return 0 }
                return Int(UInt16(bigEndian: pointer.pointee.sin_port))
            }
        }
        #expect(port > 0)
        await #expect(throws: HTTPClientError.self) { try await HTTPClient(port: port).get("/") }
    }

    @Test func postsJSON() async throws {
        try await withServer { server in
            let response = try await server.client().post("/echo", json: ["key": "value"])
            #expect(try response.decode([String: String].self) == ["key": "value"])
        }
    }
}
