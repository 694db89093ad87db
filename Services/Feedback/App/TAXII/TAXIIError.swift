import Domain
import HTTP

/// A TAXII 2.1 error message (§3.6.1): `title`, `description`, `http_status` (a string), served
/// as `application/taxii+json;version=2.1` with the same status.
struct TAXIIError: Error, Sendable {
    let status: HTTPStatus
    let title: String
    let description: String
    var details: [String: String] = [:]
    var headers: HTTPHeaders = HTTPHeaders()

    static func unauthorized() -> TAXIIError {
        TAXIIError(
            status: .unauthorized, title: "Unauthorized",
            description: "send your partner API key as HTTP Basic password (any user name) or as 'Authorization: Bearer occ_<id>_<secret>'",
            headers: ["WWW-Authenticate": "Basic realm=\"occ-taxii\", charset=\"UTF-8\""])
    }

    static func forbidden(_ description: String) -> TAXIIError {
        TAXIIError(status: .forbidden, title: "Forbidden", description: description)
    }

    /// Over the partner's request rate limit (`PartnerRateLimit`), shared with the feedback API.
    static func tooManyRequests(retryAfter seconds: Int) -> TAXIIError {
        TAXIIError(
            status: .tooManyRequests, title: "Too Many Requests", description: "request rate limit exceeded; retry later",
            headers: ["Retry-After": String(seconds)])
    }

    static func notFound(_ description: String) -> TAXIIError {
        TAXIIError(status: .notFound, title: "Not Found", description: description)
    }

    /// A 400 naming every bad parameter in `details`.
    static func badRequest(_ failure: ValidationFailure) -> TAXIIError {
        var details: [String: String] = [:]
        for error in failure.errors { details[error.path.description, default: ""] += (details[error.path.description] == nil ? "" : "; ") + error.message }
        return TAXIIError(
            status: .badRequest, title: "Bad Request",
            description: "bad parameter(s): " + failure.errors.map(\.description).joined(separator: "; "), details: details)
    }

    var response: Response {
        var body: [String: JSONValue] = [
            "title": .string(title), "description": .string(description), "http_status": .string(String(status.code)),
        ]
        if !details.isEmpty { body["details"] = .object(details.mapValues(JSONValue.string)) }
        return TAXIIMedia.response(.object(body), status: status, headers: headers)
    }
}
