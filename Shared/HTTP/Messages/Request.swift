/// An incoming request: head, a body to collect or stream, route parameters and a per-request context.
public struct Request: Sendable {
    /// The method, e.g. `POST`.
    public let method: HTTPMethod
    /// The request target exactly as received, e.g. `/v1/referrals?since=2026-01-01`.
    public let target: String
    /// The path component of the target, still percent-encoded.
    public let path: String
    /// The decoded query parameters.
    public let query: QueryItems
    /// The header fields.
    public let headers: HTTPHeaders
    /// The protocol version of the request.
    public let version: HTTPVersion
    /// The body; read it once, whole with `collect()` or piece by piece.
    public let body: RequestBody
    /// The peer's address, when received over a socket.
    public let remoteAddress: String?
    /// Values of the matched route's `{name}` segments, percent-decoded.
    public var parameters: Parameters = Parameters()
    /// The matched route pattern, e.g. `/v1/referrals/{id}`; `nil` when no route matched.
    public var route: String?
    /// Per-request state shared along the middleware chain: request id, authenticated principal.
    public let context: RequestContext

    /// A request, as the server builds it or as a test constructs one to call `Router.respond(to:)`.
    public init(
        method: HTTPMethod,
        target: String,
        headers: HTTPHeaders = HTTPHeaders(),
        body: RequestBody = .empty,
        version: HTTPVersion = .http1_1,
        remoteAddress: String? = nil,
        context: RequestContext = RequestContext()
    ) {
        self.method = method
        self.target = target
        let (path, query) = RequestTarget.split(target)
        self.path = path
        self.query = QueryItems(encoded: query)
        self.headers = headers
        self.version = version
        self.body = body
        self.remoteAddress = remoteAddress
        self.context = context
    }
}
