/// What a note is screened against, read from the database for the tasking's network.
public struct NoteScreenTerms: Sendable, Hashable {
    /// An indicator of the network: its kind (`IndicatorKind` raw value) and canonical value.
    public struct Indicator: Sendable, Hashable {
        public let kind: String
        public let value: String

        public init(kind: String, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    public let indicators: [Indicator]
    public let partnerNames: [String]
    /// Operation names agencies listed (`occ operations add`).
    public let operationNames: [String]
    /// Proper names that are not people (agency names and codes): the personal-name pattern skips them.
    public let institutionNames: [String]

    public init(indicators: [Indicator], partnerNames: [String], operationNames: [String], institutionNames: [String]) {
        self.indicators = indicators
        self.partnerNames = partnerNames
        self.operationNames = operationNames
        self.institutionNames = institutionNames
    }
}
