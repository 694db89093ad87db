/// An RFC 9457 problem details object, served as `application/problem+json`.
public struct Problem: Codable, Sendable, Equatable {
    /// One invalid input, located by a path such as `indicators[2].value`.
    public struct FieldError: Codable, Sendable, Equatable {
        /// Where the problem is, in the request body's structure.
        public var field: String
        /// What is wrong, for a human.
        public var message: String

        /// A field error.
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// A URI identifying the problem type; `about:blank` means "see the status".
    public var type: String
    /// A short summary of the problem type.
    public var title: String
    /// The HTTP status code.
    public var status: Int
    /// An explanation specific to this occurrence.
    public var detail: String?
    /// A URI identifying this occurrence.
    public var instance: String?
    /// Every invalid field, when the problem is invalid input.
    public var errors: [FieldError]?

    /// A problem; the title defaults to the status' reason phrase.
    public init(
        type: String = "about:blank", title: String? = nil, status: HTTPStatus, detail: String? = nil,
        instance: String? = nil, errors: [FieldError]? = nil
    ) {
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.instance = instance
        self.errors = errors
    }

    /// The media type of a serialised problem.
    public static let contentType = "application/problem+json"
}

extension Response {
    /// A problem response with `Content-Type: application/problem+json`.
    public static func problem(_ problem: Problem, status: HTTPStatus? = nil, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        let status = status ?? HTTPStatus(code: problem.status)
        var headers = headers
        headers["Content-Type"] = Problem.contentType
        // Encoding a struct of strings cannot fail; the fallback only keeps the signature non-throwing.
        let body = (try? JSONCoding.encoder().encode(problem)).map(Array.init) ?? Array("{}".utf8)
        return Response(status: status, headers: headers, body: body)
    }
}
