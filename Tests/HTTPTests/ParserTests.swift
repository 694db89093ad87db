@testable import HTTP
import Testing

@Suite struct ParserTests {
    let limits = HeadLimits(maxRequestLineBytes: 8192, maxHeaderBytes: 16384, maxHeaderCount: 100)

    func parse(_ text: String) throws(HTTPError) -> RequestHead {
        try RequestHeadParser.parse(Array(text.utf8)[...], limits: limits)
    }

    @Test func parsesARequestHead() throws {
        let head = try parse("POST /v1/referrals?x=1 HTTP/1.1\r\nHost: example\r\nX-Empty:\r\nContent-Type:  application/json \t")
        #expect(head.method == .post)
        #expect(head.target == "/v1/referrals?x=1")
        #expect(head.version == .http1_1)
        #expect(head.headers["host"] == "example")
        #expect(head.headers["X-Empty"] == "")
        #expect(head.headers["content-type"] == "application/json")
    }

    @Test func acceptsAbsoluteFormTargets() throws {
        let request = Request(method: .get, target: "http://example.com:8080/a/b?c=d")
        #expect(request.path == "/a/b")
        #expect(request.query["c"] == "d")
    }

    @Test func framesBodies() throws {
        let chunked = try RequestFraming(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked"))
        #expect(chunked.body == .chunked)
        let sized = try RequestFraming(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 12\r\nConnection: close"))
        #expect(sized.body == .length(12))
        #expect(!sized.keepAlive)
        let none = try RequestFraming(parse("GET / HTTP/1.0"))
        #expect(none.body == .none)
        #expect(!none.keepAlive)
    }

    @Test func parsesChunkSizes() throws {
        #expect(try BodyDecoder.chunkSize(Array("1a".utf8)) == 26)
        #expect(try BodyDecoder.chunkSize(Array("000F;ext=\"v\"".utf8)) == 15)
        #expect(try BodyDecoder.chunkSize(Array("0000000000000000001".utf8)) == 1)
        #expect(throws: HTTPError.self) { try BodyDecoder.chunkSize(Array("1000000000000000".utf8)) }
        #expect(throws: HTTPError.self) { try BodyDecoder.chunkSize(Array("+1".utf8)) }
        #expect(throws: HTTPError.self) { try BodyDecoder.chunkSize(Array("1;\u{7f}".utf8)) }
    }

    @Test func serialisesResponsesWithServerOwnedFraming() {
        var response = Response.text("hi")
        response.headers["Content-Length"] = "999"
        response.headers["X-Injected"] = "a\r\nSet-Cookie: evil=1"
        let head = String(decoding: ResponseSerializer.head(for: response, keepAlive: true, version: .http1_1, bodyLength: 2,
                                                            date: "D"), as: UTF8.self)
        #expect(head == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nDate: D\r\nContent-Length: 2\r\n\r\n")
        let noContent = String(decoding: ResponseSerializer.head(for: Response(status: .noContent), keepAlive: false,
                                                                 version: .http1_1, bodyLength: 0, date: "D"), as: UTF8.self)
        #expect(noContent == "HTTP/1.1 204 No Content\r\nDate: D\r\nConnection: close\r\n\r\n")
    }
}
