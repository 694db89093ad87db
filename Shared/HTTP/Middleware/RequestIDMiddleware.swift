/// Gives every request an id: a sane incoming `X-Request-Id` is kept, anything else replaced by a fresh one.
/// The id is stored in `request.context.requestID` and echoed in the response's `X-Request-Id`.
public struct RequestIDMiddleware: Middleware {
    /// The header carrying the id both ways.
    public static let headerName = "X-Request-Id"

    /// The middleware.
    public init() {}

    public func handle(_ request: Request, next: (Request) async throws -> Response) async throws -> Response {
        if let incoming = request.headers[Self.headerName], Self.isAcceptable(incoming) {
            request.context.requestID = incoming
        }
        var response = try await next(request)
        response.headers[Self.headerName] = request.context.requestID
        return response
    }

    /// 1–128 characters from `[A-Za-z0-9._:-]`: safe to log and to echo.
    static func isAcceptable(_ id: String) -> Bool {
        let utf8 = id.utf8
        return (1...128).contains(utf8.count) && utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: ":"):
                true
            default:
                false
            }
        }
    }
}
