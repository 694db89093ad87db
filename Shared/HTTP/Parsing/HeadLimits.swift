/// Limits that apply while reading and parsing a head.
struct HeadLimits: Sendable {
    let maxRequestLineBytes: Int
    let maxHeaderBytes: Int
    let maxHeaderCount: Int
}
