@testable import HTTP
import Testing

/// The event loops' defences against clients that send slowly: a minimum data rate for heads and
/// bodies, measured after a grace period. The header and read timeouts are set far beyond each test
/// so that only the data rate can be what cuts the client off.
@Suite struct SlowClientTests {
    static func slowLimits(_ configuration: inout HTTPServer.Configuration) {
        configuration.headerTimeout = .seconds(120)
        configuration.readTimeout = .seconds(120)
        configuration.requestTimeout = .seconds(120)
        configuration.minDataRate = 256
        configuration.dataRateGrace = .milliseconds(300)
    }

    @Test func cutsOffAHeadTrickledBelowTheMinimumRate() async throws {
        try await withServer(configure: Self.slowLimits) { server in
            let connection = try await server.connect()
            // One byte every 100 ms is 10 bytes/s, far below 256 bytes/s. The head is long enough that
            // sending it whole takes over 40 s: only a server that cuts the client off stops it early.
            let head = "GET /hello HTTP/1.1\r\nHost: t\r\nX-Slow: " + String(repeating: "a", count: 400)
            let start = ContinuousClock.now
            var cutOff = false
            for byte in head.utf8 {
                guard await connection.send([byte]) else {
                    cutOff = true
                    break
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(cutOff)
            // Well short of the 120 s header timeout; the bound allows for a loaded machine.
            #expect(ContinuousClock.now - start < .seconds(30))
            let rest = await connection.readAll(timeout: .seconds(5))
            #expect(rest.isEmpty || rest.hasPrefix("HTTP/1.1 408 Request Timeout"))
            #expect(try await server.client().get("/hello").status == .ok)
        }
    }

    @Test func answers408ToABodyTrickledBelowTheMinimumRateAndCloses() async throws {
        try await withServer(configure: {
            Self.slowLimits(&$0)
            // Room for the three bytes below to arrive before the rate applies, even on a loaded machine.
            $0.dataRateGrace = .seconds(1)
        }) { server in
            let connection = try await server.connect()
            await connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 200\r\n\r\n")
            // Three bytes 100 ms apart, then nothing more than the trickle: each gap is far below the
            // 120 s read timeout, so only the rate can end the wait.
            for byte in "bbb".utf8 {
                await connection.send([byte])
                try await Task.sleep(for: .milliseconds(100))
            }
            let response = try await connection.response()
            #expect(response.status == .requestTimeout)
            #expect(response.headers["Connection"] == "close")
            #expect(try response.decode(Problem.self).detail?.contains("bytes/s") == true)
            #expect(await connection.closes())
        }
    }

    @Test func aBodySentAtOnceIsNotCutOffByASlowHandler() async throws {
        // The rate counts only time spent waiting for the client, not a handler's own pace.
        try await withServer(configure: Self.slowLimits, routes: { router in
            router.post("/slow-reader") { request in
                var total = 0
                for try await chunk in request.body {
                    total += chunk.count
                    try await Task.sleep(for: .milliseconds(500))
                }
                return .text(String(total))
            }
        }) { server in
            let connection = try await server.connect()
            await connection.send("POST /slow-reader HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "1\r\na\r\n1\r\nb\r\n1\r\nc\r\n0\r\n\r\n")
            let response = try await connection.response()
            #expect(response.status == .ok)
            #expect(response.text == "3")
        }
    }
}
