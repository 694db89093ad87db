import HTTP
import Synchronization
import Testing

@Suite struct BodyTests {
    @Test func readsAChunkedBodyWithExtensionsAndTrailers() async throws {
        try await withServer { server in
            let connection = try await server.connect()
            await connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1 ;x\r\n \r\n006\r\nworld!\r\n0\r\nX-Checksum: abc\r\n\r\n")
            let response = try await connection.response()
            #expect(response.status == .ok)
            #expect(response.text == "hello world!")
            await connection.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await connection.response().text == "hello")
        }
    }

    @Test(arguments: ["zz\r\n", "-1\r\n", "0x5\r\n", "5 garbage\r\n", "5 \r\n", "\r\n", "10000000000000000\r\n", "5\r\nhelloX\r\n"])
    func rejectsBadChunkSizesAndCloses(_ framing: String) async throws {
        try await withServer { server in
            let connection = try await server.connect()
            await connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + framing + "0\r\n\r\n")
            let response = try await connection.response()
            #expect(response.status == .badRequest)
            #expect(response.headers["Connection"] == "close")
            #expect(await connection.closes())
            #expect(try await server.client().get("/hello").status == .ok)
        }
    }

    @Test func sends100ContinueBeforeReadingTheBody() async throws {
        try await withServer { server in
            let connection = try await server.connect()
            await connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            let interim = await connection.head()
            #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
            await connection.send("ping")
            let response = try await connection.response()
            #expect(response.text == "ping")
        }
    }

    @Test func answersWithout100ContinueWhenTheBodyIsRefused() async throws {
        try await withServer { server in
            let connection = try await server.connect()
            await connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999\r\nExpect: 100-continue\r\n\r\n")
            let response = try await connection.response()
            #expect(response.status == .contentTooLarge)
            #expect(await connection.closes())
        }
    }

    @Test func drainsASmallUnreadBodyAndKeepsTheConnection() async throws {
        try await withServer { server in
            let connection = try await server.connect()
            await connection.send("POST /ignore HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nabcde")
            #expect(try await connection.response().text == "ignored")
            await connection.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await connection.response().text == "hello")
        }
    }

    @Test func streamsALargeBodyWithBoundedMemory() async throws {
        let stats = Mutex((bytes: 0, largestChunk: 0, rssGrowth: 0))
        let routes: (Router) -> Void = { router in
            router.post("/upload", maxBodyBytes: .max) { request in
                let baseline = residentBytes()
                for try await chunk in request.body {
                    let growth = residentBytes() - baseline
                    stats.withLock {
                        $0.bytes += chunk.count
                        $0.largestChunk = max($0.largestChunk, chunk.count)
                        $0.rssGrowth = max($0.rssGrowth, growth)
                    }
                }
                return .text("done")
            }
        }
        let total = 48 * 1024 * 1024
        // The bound here is memory, not time: 48 MiB through a debug build on a loaded machine
        // took over the default 30 s request deadline, which then (rightly) cut the upload off.
        try await withServer(configure: { $0.requestTimeout = .seconds(600) }, routes: routes) { server in
            let connection = try await server.connect()
            await connection.send("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
            let block = [UInt8](repeating: 0x61, count: 256 * 1024)
            let chunk = Array("40000\r\n".utf8) + block + Array("\r\n".utf8)
            for _ in 0..<(total / block.count) {
                #expect(await connection.send(chunk))
            }
            await connection.send("0\r\n\r\n")
            #expect(try await connection.response().text == "done")
        }
        let result = stats.withLock { $0 }
        #expect(result.bytes == total)
        #expect(result.largestChunk <= 64 * 1024)
        #expect(result.rssGrowth < 16 * 1024 * 1024)
    }

    @Test func splitsNDJSONIntoLines() async throws {
        let routes: (Router) -> Void = { router in
            router.post("/lines") { request in
                var lines: [String] = []
                for try await line in request.body.lines(maxLineBytes: 16) {
                    lines.append(String(decoding: line, as: UTF8.self))
                }
                return try .json(lines)
            }
        }
        try await withServer(routes: routes) { server in
            let client = server.client()
            let response = try await client.send(.post, "/lines", body: Array("{\"a\":1}\r\n\n{\"b\":2}\nlast".utf8))
            #expect(try response.decode([String].self) == ["{\"a\":1}", "", "{\"b\":2}", "last"])
            let tooLong = try await client.send(.post, "/lines", body: Array("0123456789abcdefXYZ\n".utf8))
            #expect(tooLong.status == .contentTooLarge)
        }
    }

    @Test func linesWorkOnInMemoryBodies() async throws {
        var lines: [[UInt8]] = []
        for try await line in RequestBody("a\nb\n").lines() { lines.append(line) }
        #expect(lines == [Array("a".utf8), Array("b".utf8)])
    }
}
