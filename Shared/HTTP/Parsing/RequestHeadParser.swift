/// Strict parsing of a request head (RFC 9112 §2–5): anything ambiguous is rejected rather than guessed at.
enum RequestHeadParser {
    /// Parses `bytes`: the request line and header lines joined by CRLF, without the final empty line.
    static func parse(_ bytes: ArraySlice<UInt8>, limits: HeadLimits) throws(HTTPError) -> RequestHead {
        var lines = split(bytes)
        guard !lines.isEmpty else { throw HTTPError(.badRequest, detail: "empty request") }
        let requestLine = lines.removeFirst()
        guard requestLine.count <= limits.maxRequestLineBytes else {
            throw HTTPError(.uriTooLong, detail: "request line exceeds \(limits.maxRequestLineBytes) bytes")
        }
        let (method, target, version) = try parseRequestLine(requestLine)
        guard lines.count <= limits.maxHeaderCount else {
            throw HTTPError(.requestHeaderFieldsTooLarge, detail: "more than \(limits.maxHeaderCount) header fields")
        }
        var headers = HTTPHeaders()
        for line in lines {
            let (name, value) = try parseField(line)
            headers.add(name, value)
        }
        return RequestHead(method: method, target: target, version: version, headers: headers)
    }

    /// Splits on CRLF; the caller has already rejected bare LF and bare CR is rejected by the field checks.
    private static func split(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == HTTPSyntax.cr, index + 1 < bytes.endIndex, bytes[index + 1] == HTTPSyntax.lf {
                lines.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(bytes[start..<bytes.endIndex])
        return lines
    }

    private static func parseRequestLine(
        _ line: ArraySlice<UInt8>
    ) throws(HTTPError) -> (HTTPMethod, String, HTTPVersion) {
        let parts = line.split(separator: HTTPSyntax.space, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw HTTPError(.badRequest, detail: "malformed request line") }
        guard HTTPSyntax.isToken(parts[0]), parts[0].count <= 32 else {
            throw HTTPError(.badRequest, detail: "invalid method")
        }
        guard !parts[1].isEmpty, parts[1].allSatisfy({ HTTPSyntax.target[Int($0)] }) else {
            throw HTTPError(.badRequest, detail: "invalid request target")
        }
        let target = String(decoding: parts[1], as: UTF8.self)
        guard target.hasPrefix("/") || target == "*" || target.hasPrefix("http://") || target.hasPrefix("https://") else {
            throw HTTPError(.badRequest, detail: "invalid request target")
        }
        return (HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self)), target, try parseVersion(parts[2]))
    }

    private static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPError) -> HTTPVersion {
        let text = String(decoding: bytes, as: UTF8.self)
        if let version = HTTPVersion(rawValue: text) { return version }
        let utf8 = Array(bytes)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        if utf8.count == 8, text.hasPrefix("HTTP/"), isDigit(utf8[5]), utf8[6] == UInt8(ascii: "."), isDigit(utf8[7]) {
            throw HTTPError(.httpVersionNotSupported, detail: "only HTTP/1.0 and HTTP/1.1 are supported")
        }
        throw HTTPError(.badRequest, detail: "malformed HTTP version")
    }

    /// `name ":" OWS value OWS`, with no whitespace before the colon and no obs-fold.
    static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPError) -> (String, String) {
        if let first = line.first, first == HTTPSyntax.space || first == HTTPSyntax.tab {
            throw HTTPError(.badRequest, detail: "obsolete line folding is not accepted")
        }
        guard let colon = line.firstIndex(of: HTTPSyntax.colon), HTTPSyntax.isToken(line[line.startIndex..<colon]) else {
            throw HTTPError(.badRequest, detail: "invalid header field name")
        }
        var value = line[(colon + 1)...]
        while let head = value.first, head == HTTPSyntax.space || head == HTTPSyntax.tab { value = value.dropFirst() }
        while let tail = value.last, tail == HTTPSyntax.space || tail == HTTPSyntax.tab { value = value.dropLast() }
        guard HTTPSyntax.isFieldValue(value) else {
            throw HTTPError(.badRequest, detail: "invalid header field value")
        }
        return (String(decoding: line[line.startIndex..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self))
    }
}
