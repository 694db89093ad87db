/// The message-level decisions taken from a head: body framing, persistence and `Expect`.
struct RequestFraming: Sendable {
    let body: BodyFraming
    let keepAlive: Bool
    let expectContinue: Bool

    /// Applies RFC 9112 §6.3 strictly; anything a proxy could read differently is rejected.
    init(_ head: RequestHead) throws(HTTPError) {
        let headers = head.headers
        let hosts = headers.values("Host")
        if head.version == .http1_1 ? hosts.count != 1 : hosts.count > 1 {
            throw HTTPError(.badRequest, detail: "exactly one Host header is required")
        }
        let lengths = try RequestFraming.contentLengths(headers)
        let encodings = headers.tokens("Transfer-Encoding")
        if headers.contains("Transfer-Encoding") {
            guard head.version == .http1_1 else {
                throw HTTPError(.badRequest, detail: "Transfer-Encoding is not allowed in HTTP/1.0")
            }
            guard lengths.isEmpty else {
                throw HTTPError(.badRequest, detail: "Content-Length and Transfer-Encoding together are not allowed")
            }
            guard encodings.last == "chunked" else {
                throw HTTPError(.badRequest, detail: "the final transfer coding must be chunked")
            }
            guard encodings == ["chunked"] else {
                throw HTTPError(.notImplemented, detail: "transfer codings other than chunked are not supported")
            }
            body = .chunked
        } else if let length = lengths.first {
            body = length == 0 ? .none : .length(length)
        } else {
            body = .none
        }
        let connection = headers.tokens("Connection")
        keepAlive = head.version == .http1_1 ? !connection.contains("close") : connection.contains("keep-alive")
        let expectations = headers.tokens("Expect")
        guard expectations.allSatisfy({ $0 == "100-continue" }) else {
            throw HTTPError(.expectationFailed, detail: "only 100-continue is supported")
        }
        expectContinue = !expectations.isEmpty && body != .none
    }

    /// Every Content-Length value; they must be plain decimal and all equal.
    private static func contentLengths(_ headers: HTTPHeaders) throws(HTTPError) -> [Int] {
        let texts = headers.values("Content-Length").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        var lengths: [Int] = []
        for text in texts {
            let trimmed = text.trimmingHTTPWhitespace()
            guard !trimmed.isEmpty, trimmed.utf8.count <= 18,
                  trimmed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let value = Int(trimmed) else {
                throw HTTPError(.badRequest, detail: "invalid Content-Length")
            }
            lengths.append(value)
        }
        guard Set(lengths).count <= 1 else { throw HTTPError(.badRequest, detail: "conflicting Content-Length values") }
        return lengths
    }
}
