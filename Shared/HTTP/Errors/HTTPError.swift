/// The general-purpose `HTTPResponseError`: a status, an optional detail and field errors.
public struct HTTPError: HTTPResponseError, CustomStringConvertible {
    /// The response status.
    public var status: HTTPStatus
    /// The problem's `detail`: safe to show to the client.
    public var detail: String?
    /// The problem's `type` URI.
    public var type: String
    /// The problem's `title`; the reason phrase when `nil`.
    public var title: String?
    /// Invalid fields, for 400 and 422 responses.
    public var errors: [Problem.FieldError]
    /// Extra response headers.
    public var headers: HTTPHeaders

    /// An error that becomes a problem response with `status`.
    public init(
        _ status: HTTPStatus, detail: String? = nil, errors: [Problem.FieldError] = [],
        type: String = "about:blank", title: String? = nil, headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.status = status
        self.detail = detail
        self.errors = errors
        self.type = type
        self.title = title
        self.headers = headers
    }

    public func problem() -> Problem {
        Problem(type: type, title: title, status: status, detail: detail, errors: errors.isEmpty ? nil : errors)
    }

    public var description: String {
        "HTTPError(\(status)\(detail.map { ": \($0)" } ?? ""))"
    }
}
