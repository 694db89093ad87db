/// What answering a request for information does: record the answer of an open RFI; leave an
/// answered one unchanged when the same answer is sent again (a retried call); refuse another
/// answer (a 409: the first one stands).
public enum RFITransition: Sendable, Hashable {
    case record
    case unchanged
    case conflict(String)

    public static func decide(answer: String, open: Bool, existing: String?) -> RFITransition {
        if open { return .record }
        return existing == answer ? .unchanged : .conflict("the request for information was already answered")
    }
}
