import Domain

/// The body of a lookup answer.
struct LookupResponse: Encodable {
    let results: [LookupAnswer]
}
