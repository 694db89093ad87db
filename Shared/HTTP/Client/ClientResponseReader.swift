/// Reads one response (skipping interim 1xx responses) off a client connection.
enum ClientResponseReader {
    static let maxHeadBytes = 64 * 1024

    /// The response and whether the connection may be reused.
    static func read(
        from reader: inout SocketReader, method: HTTPMethod, deadline: ContinuousClock.Instant,
        endpoint: ClientConnection.Endpoint
    ) throws -> (ClientResponse, Bool) {
        var first = true
        while true {
            let (version, status, headers) = try readHead(from: &reader, deadline: deadline, first: first)
            first = false
            if status.code < 200 { continue }
            var keepAlive = version == .http1_1 ? !headers.tokens("Connection").contains("close")
                : headers.tokens("Connection").contains("keep-alive")
            let framing: BodyFraming?
            if method == .head || !status.allowsBody {
                framing = BodyFraming.none
            } else if headers.tokens("Transfer-Encoding").last == "chunked" {
                framing = .chunked
            } else if let text = headers["Content-Length"], let length = Int(text), length >= 0 {
                framing = .length(length)
            } else {
                framing = nil
                keepAlive = false
            }
            let body = try readBody(from: &reader, framing: framing, deadline: deadline, endpoint: endpoint)
            return (ClientResponse(status: status, headers: headers, body: body), keepAlive)
        }
    }

    private static func readHead(
        from reader: inout SocketReader, deadline: ContinuousClock.Instant, first: Bool
    ) throws -> (HTTPVersion, HTTPStatus, HTTPHeaders) {
        let terminator: [UInt8] = [13, 10, 13, 10]
        while true {
            let bytes = reader.bytes
            if let end = bytes.firstRange(of: terminator) {
                let head = bytes[bytes.startIndex..<end.lowerBound]
                reader.consume(end.upperBound - bytes.startIndex)
                return try parseHead(Array(head))
            }
            guard bytes.count < maxHeadBytes else { throw HTTPClientError.invalidResponse("response head too large") }
            try fill(&reader, deadline: deadline, staleIfEmpty: first && bytes.isEmpty)
        }
    }

    private static func parseHead(_ head: [UInt8]) throws -> (HTTPVersion, HTTPStatus, HTTPHeaders) {
        var lines = head.split(separator: HTTPSyntax.lf, omittingEmptySubsequences: false)
            .map { $0.last == HTTPSyntax.cr ? $0.dropLast() : $0 }
        let statusLine = String(decoding: lines.removeFirst(), as: UTF8.self)
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let version = HTTPVersion(rawValue: String(parts[0])),
              parts[1].count == 3, let code = Int(parts[1]) else {
            throw HTTPClientError.invalidResponse("malformed status line")
        }
        var headers = HTTPHeaders()
        for line in lines {
            do {
                let (name, value) = try RequestHeadParser.parseField(line)
                headers.add(name, value)
            } catch {
                throw HTTPClientError.invalidResponse(error.detail ?? "malformed header")
            }
        }
        let reason = parts.count > 2 ? String(parts[2]) : nil
        return (version, HTTPStatus(code: code, reasonPhrase: reason), headers)
    }

    private static func readBody(
        from reader: inout SocketReader, framing: BodyFraming?, deadline: ContinuousClock.Instant,
        endpoint: ClientConnection.Endpoint
    ) throws -> [UInt8] {
        var body: [UInt8] = []
        guard let framing else {
            // Delimited by the server closing the connection.
            while true {
                body += reader.take(upTo: reader.available)
                guard body.count <= endpoint.maxResponseBytes else { throw HTTPClientError.invalidResponse("response too large") }
                do {
                    try reader.fill(until: deadline)
                } catch .timedOut {
                    throw HTTPClientError.timedOut
                } catch {
                    return body
                }
            }
        }
        var decoder = BodyDecoder(framing: framing, limit: endpoint.maxResponseBytes, maxTrailerBytes: maxHeadBytes,
                                  readTimeout: deadline - .now)
        do {
            while let chunk = try decoder.next(from: &reader) { body += chunk }
        } catch {
            throw error.status == .requestTimeout ? HTTPClientError.timedOut
                : HTTPClientError.invalidResponse(error.detail ?? "malformed body")
        }
        return body
    }

    private static func fill(_ reader: inout SocketReader, deadline: ContinuousClock.Instant, staleIfEmpty: Bool) throws {
        do {
            try reader.fill(until: deadline)
        } catch .timedOut {
            throw HTTPClientError.timedOut
        } catch {
            if staleIfEmpty { throw ClientConnection.Stale() }
            throw HTTPClientError.connectionClosed
        }
    }
}
