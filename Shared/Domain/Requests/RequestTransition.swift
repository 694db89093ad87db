/// Whether a partner's action moves a request (or an answer an RFI), leaves it as it is (the same
/// action repeated: a retried call is answered, not recorded twice), or conflicts with where it
/// stands (a 409 saying why).
public enum RequestTransition: Sendable, Hashable {
    case move(to: RequestStatus)
    case unchanged
    case conflict(String)

    /// The request as stored, for deciding.
    public struct Current: Sendable, Hashable {
        public let status: RequestStatus
        /// The partner that completed or declined it.
        public let actedBy: String?
        public let completion: RequestCompletion?
        public let declinedReason: String?

        public init(status: RequestStatus, actedBy: String?, completion: RequestCompletion?, declinedReason: String?) {
            self.status = status
            self.actedBy = actedBy
            self.completion = completion
            self.declinedReason = declinedReason
        }
    }

    /// Acknowledging an open request moves a raised one and repeats harmlessly; completing or
    /// declining an open one moves it. Once completed or declined a request is final: the same
    /// partner repeating the same action is unchanged, anything else a conflict.
    public static func decide(_ action: RequestAction, on current: Current, by partnerID: String) -> RequestTransition {
        switch (current.status, action) {
        case (.raised, .acknowledge): return .move(to: .acknowledged)
        case (.acknowledged, .acknowledge): return .unchanged
        case (.raised, .complete), (.acknowledged, .complete): return .move(to: .completed)
        case (.raised, .decline), (.acknowledged, .decline): return .move(to: .declined)
        case (.completed, .complete(let completion)) where current.actedBy == partnerID && current.completion == completion:
            return .unchanged
        case (.declined, .decline(let reason)) where current.actedBy == partnerID && current.declinedReason == reason:
            return .unchanged
        case (.completed, _), (.declined, _):
            let who = current.actedBy == partnerID ? "by this partner" : "by another partner"
            return .conflict("the request was already \(current.status.rawValue) \(who)")
        }
    }

}
