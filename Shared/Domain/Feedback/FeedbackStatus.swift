/// What a partner is told about progress.
public enum FeedbackStatus: String, Sendable, Codable, CaseIterable {
    /// Received and being actioned: all that is said while open or under embargo.
    case beingActioned = "being_actioned"
    case outcomeRecorded = "outcome_recorded"
}
