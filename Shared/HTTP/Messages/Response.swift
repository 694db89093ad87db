/// An outgoing response; the server adds framing headers (`Content-Length`, `Connection`, `Date`) itself.
public struct Response: Sendable {
    /// The status line's status.
    public var status: HTTPStatus
    /// Header fields set by the handler and middleware.
    public var headers: HTTPHeaders
    /// The body bytes (omitted on the wire for HEAD requests and statuses that forbid a body).
    public var body: [UInt8]

    /// A response with the given parts.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        var headers = headers
        headers["Content-Type"] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: Array(text.utf8))
    }

    /// A JSON response encoded with `JSONCoding.encoder` (ISO-8601 dates, sorted keys).
    public static func json<T: Encodable>(
        _ value: T, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), contentType: String = "application/json"
    ) throws -> Response {
        var headers = headers
        headers["Content-Type"] = contentType
        return Response(status: status, headers: headers, body: Array(try JSONCoding.encoder().encode(value)))
    }
}
