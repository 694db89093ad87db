/// A retention rule as an operator proposes it, checked field by field before it is stored.
/// Whether the class allows the action is data (`retention_classes`), checked by the database.
public struct RetentionRuleDraft: Sendable, Hashable {
    public let id: String
    public let recordClass: String
    /// A crime family (`fraud`), an exact type (`fraud.app_investment`), or nil for every type.
    public let crimeType: String?
    public let period: RetentionPeriod
    public let action: DisposalAction
    public let legalBasis: String
    public let source: String

    /// One field that is wrong and why.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public let field: String
        public let message: String

        public var description: String { "--\(field) \(message)" }
    }

    /// Every problem of a draft, in field order.
    public struct Problems: Error, Sendable, Hashable, CustomStringConvertible {
        public let problems: [Problem]

        public var description: String { problems.map(\.description).joined(separator: "; ") }
    }

    /// Every problem at once, or the draft.
    public static func check(
        id: String, recordClass: String, crimeType: String?, period: String, action: String, legalBasis: String, source: String
    ) -> Result<RetentionRuleDraft, Problems> {
        var problems: [Problem] = []
        if !(1...64).contains(id.count) || !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            problems.append(Problem(field: "id", message: "must be 1–64 lower-case letters, digits or hyphens"))
        }
        if !(2...64).contains(recordClass.count) || !recordClass.allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "_") }) {
            problems.append(Problem(field: "class", message: "must be a record class code (see 'occ retention list')"))
        }
        if let crimeType, !Self.isCrimeTypePattern(crimeType) {
            problems.append(Problem(field: "crime-type", message: "must be fraud, cyber, or a type such as fraud.app_investment"))
        }
        let parsedPeriod = RetentionPeriod(period)
        if parsedPeriod == nil {
            problems.append(Problem(field: "period", message: "must be a number and a unit (y, m, w or d), e.g. 6y, at most a century"))
        }
        let parsedAction = DisposalAction(rawValue: action)
        if parsedAction == nil {
            problems.append(Problem(field: "action", message: "must be one of \(DisposalAction.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        for (field, text) in [("legal-basis", legalBasis), ("source", source)] where !(1...500).contains(text.count) || text.allSatisfy(\.isWhitespace) {
            problems.append(Problem(field: field, message: "must be 1–500 characters (mark an unconfirmed reading [check])"))
        }
        guard problems.isEmpty, let parsedPeriod, let parsedAction else { return .failure(Problems(problems: problems)) }
        return .success(RetentionRuleDraft(
            id: id, recordClass: recordClass, crimeType: crimeType, period: parsedPeriod, action: parsedAction,
            legalBasis: legalBasis, source: source))
    }

    /// `fraud`, `cyber`, or one of them, a dot and lower-case letters or underscores.
    static func isCrimeTypePattern(_ text: String) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let family = parts.first, ["fraud", "cyber"].contains(family) else { return false }
        guard parts.count == 2 else { return true }
        return (1...60).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "_") }
    }
}
