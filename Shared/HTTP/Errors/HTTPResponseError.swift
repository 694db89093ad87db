/// An error that knows the response it should become.
public protocol HTTPResponseError: Error {
    /// The response status.
    var status: HTTPStatus { get }
    /// The `application/problem+json` body.
    func problem() -> Problem
    /// Extra response headers, e.g. `Allow` on a 405 or `WWW-Authenticate` on a 401.
    var headers: HTTPHeaders { get }
}

extension HTTPResponseError {
    /// No extra headers by default.
    public var headers: HTTPHeaders { HTTPHeaders() }

    /// The error rendered as a problem response.
    public func response() -> Response {
        Response.problem(problem(), status: status, headers: headers)
    }
}
