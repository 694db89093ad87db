import Foundation
import HTTP
import Testing

@Suite("hostile clients")
struct HostileTests {
    @Test("an oversized body is refused with 413 before it is read, and the server answers the next request")
    func oversized() async throws {
        try await IntakeHarness.with { harness in
            let socket = try RawSocket(port: harness.port)
            try socket.send("POST /v1/referrals HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(harness.key.token)\r\n"
                + "Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{\"partner_reference\":")
            #expect(socket.readUntilClosed().hasPrefix("HTTP/1.1 413"))
            #expect(try await harness.client().get("/healthz").status == .ok)
            #expect(try await harness.counts().referrals == 0)
        }
    }

    @Test("a malformed request is a 400 and closes the connection; the server answers the next request")
    func malformed() async throws {
        try await IntakeHarness.with { harness in
            for garbage in ["GARBAGE\r\n\r\n", "POST /v1/referrals HTTP/1.1\r\nContent-Length: nope\r\n\r\n", "\u{0}\u{1}\u{2}\r\n\r\n"] {
                let socket = try RawSocket(port: harness.port)
                try socket.send(garbage)
                #expect(socket.readUntilClosed().hasPrefix("HTTP/1.1 400"))
            }
            #expect(try await harness.client().get("/healthz").status == .ok)
        }
    }

    @Test("a client that stops mid-request is cut off by the timeouts while others are served")
    func slow() async throws {
        try await IntakeHarness.with(http: { $0.headerTimeout = .seconds(1); $0.readTimeout = .seconds(1) }) { harness in
            // The reads' 30 s bound only ends a failing test: on a loaded machine (CI with a benchmark
            // beside it) the server's close came more than 10 s after the 1 s timeouts.
            let slowHead = try RawSocket(port: harness.port, timeout: 30)
            try slowHead.send("POST /v1/referrals HTTP/1.1\r\nHost: x\r\n")
            let slowBody = try RawSocket(port: harness.port, timeout: 30)
            try slowBody.send("POST /v1/referrals HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(harness.key.token)\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"partner_reference\":")
            #expect(try await harness.client().get("/healthz").status == .ok)
            let head = slowHead.read()
            #expect(head.closedByServer)
            #expect(head.text.isEmpty || head.text.hasPrefix("HTTP/1.1 408"))
            let body = slowBody.read()
            #expect(body.closedByServer, "the server kept a stalled body upload open: \(body.text)")
            #expect(try await harness.client().get("/healthz").status == .ok)
            #expect(try await harness.counts().referrals == 0)
        }
    }
}
