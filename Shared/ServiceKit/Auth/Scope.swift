/// What an API key may do. Raw values are stored in `api_keys.scopes`.
public enum Scope: String, Sendable, Codable, CaseIterable {
    case partnerSubmit = "partner:submit"
    case partnerFeedback = "partner:feedback"
    /// Register, rotate and disable the partner's webhook endpoint; list and retry its deliveries.
    case partnerWebhooks = "partner:webhooks"
    case agencyTasking = "agency:tasking"
    case oversight
    case admin
}
