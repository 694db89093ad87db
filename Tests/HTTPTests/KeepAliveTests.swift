import HTTP
import Testing

@Suite struct KeepAliveTests {
    @Test func servesSeveralRequestsOnOneConnection() async throws {
        try await withServer { server in
            let connection = try await server.connect()
            for _ in 0..<5 {
                await connection.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try await connection.response()
                #expect(response.status == .ok)
                #expect(response.text == "hello")
                #expect(response.headers["Connection"] == nil)
                #expect(response.headers["Date"] != nil)
            }
        }
    }

    @Test func answersPipelinedRequestsInOrder() async throws {
        try await withServer { server in
            let connection = try await server.connect()
            await connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nonePOST /echo HTTP/1.1\r\n"
                + "Host: t\r\nContent-Length: 3\r\n\r\ntwoGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await connection.response().text == "one")
            #expect(try await connection.response().text == "two")
            #expect(try await connection.response().text == "hello")
        }
    }

    @Test func closesOnConnectionClose() async throws {
        try await withServer { server in
            let connection = try await server.connect()
            await connection.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let response = try await connection.response()
            #expect(response.headers["Connection"] == "close")
            #expect(await connection.closes())
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() async throws {
        try await withServer { server in
            let persistent = try await server.connect()
            for _ in 0..<2 {
                await persistent.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let response = try await persistent.response()
                #expect(response.status == .ok)
                #expect(response.headers["Connection"] == "keep-alive")
            }
            let oneShot = try await server.connect()
            await oneShot.send("GET /hello HTTP/1.0\r\n\r\n")
            #expect(try await oneShot.response().headers["Connection"] == "close")
            #expect(await oneShot.closes())
        }
    }

    @Test func headResponsesHaveLengthButNoBody() async throws {
        try await withServer { server in
            let connection = try await server.connect()
            await connection.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await connection.response(method: .head)
            #expect(response.headers["Content-Length"] == "5")
            #expect(response.body.isEmpty)
            await connection.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await connection.response().text == "hello")
        }
    }

    @Test func closesIdleConnectionsAfterTheIdleTimeout() async throws {
        try await withServer(configure: { $0.idleTimeout = .milliseconds(200) }) { server in
            let connection = try await server.connect()
            await connection.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await connection.response()
            #expect(await connection.closes(within: .seconds(2)))
        }
    }

    @Test func clientReusesItsConnection() async throws {
        try await withServer { server in
            let client = server.client()
            for index in 0..<3 {
                let response = try await client.send(.post, "/echo", body: Array("n\(index)".utf8))
                #expect(response.text == "n\(index)")
            }
        }
    }
}
