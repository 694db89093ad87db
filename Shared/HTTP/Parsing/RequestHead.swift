/// A parsed request line and header section.
struct RequestHead: Sendable {
    let method: HTTPMethod
    let target: String
    let version: HTTPVersion
    let headers: HTTPHeaders
}
