/// What a retention rule does with a record whose review date has passed.
public enum DisposalAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// Remove the record.
    case delete
    /// Strip what identifies people (free text, indicator values, the partner's reference) and
    /// keep the facts the benefits report counts.
    case anonymise
    /// Keep it and ask a person to decide (MoPI review): the referral leaves the job's queue
    /// until an operator sets a new review date.
    case review
    /// Move it out of the live database with proof of where it ended (the audit log).
    case archive
}
