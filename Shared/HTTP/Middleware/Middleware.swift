/// Code that wraps request handling: inspect or change the request, call `next`, inspect or change the response.
///
/// `next` never throws errors from inner layers: they have already become problem responses, so every
/// middleware sees the final status. Errors a middleware throws itself become responses the same way.
public protocol Middleware: Sendable {
    /// Handles `request`, usually by calling `next` once.
    func handle(_ request: Request, next: (Request) async throws -> Response) async throws -> Response
}
