/// What an API key may do. Raw values are stored in `api_keys.scopes`.
public enum Scope: String, Sendable, Codable, CaseIterable {
    case partnerSubmit = "partner:submit"
    case partnerFeedback = "partner:feedback"
    case agencyTasking = "agency:tasking"
    case oversight
    case admin
}
