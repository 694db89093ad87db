/// One thing in an officer's note that may not reach partners, quoted from the note itself.
public struct NoteScreenHit: Sendable, Hashable, Comparable {
    public enum Category: String, Sendable, Hashable, CaseIterable {
        case indicatorValue = "indicator_value"
        case partnerName = "partner_name"
        case operationName = "operation_name"
        case dateOfBirth = "date_of_birth"
        case personalName = "personal_name"

        var phrase: String {
            switch self {
            case .indicatorValue: "an indicator value of the network"
            case .partnerName: "a partner's name"
            case .operationName: "an operation name"
            case .dateOfBirth: "a date of birth"
            case .personalName: "what looks like a person's name"
            }
        }
    }

    public let category: Category
    /// The note's own words that matched (never the stored value they matched against).
    public let text: String
    /// Character offset in the note, for ordering.
    public let offset: Int

    public var message: String { "contains \(category.phrase): \"\(text)\"" }

    public static func < (lhs: NoteScreenHit, rhs: NoteScreenHit) -> Bool {
        (lhs.offset, lhs.category.rawValue) < (rhs.offset, rhs.category.rawValue)
    }
}
