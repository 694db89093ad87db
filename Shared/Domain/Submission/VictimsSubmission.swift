/// `victims` as sent.
public struct VictimsSubmission: Sendable, Hashable {
    public var count: Int?
    public var vulnerable: Bool?
    public var vulnerabilityLevel: String?

    public init(count: Int? = nil, vulnerable: Bool? = nil, vulnerabilityLevel: String? = nil) {
        self.count = count
        self.vulnerable = vulnerable
        self.vulnerabilityLevel = vulnerabilityLevel
    }

    init(reader: JSONObjectReader, problems: inout [FieldError]) {
        reader.rejectUnknown(["count", "vulnerable", "vulnerability_level"], &problems)
        count = reader.integer("count", &problems)
        vulnerable = reader.bool("vulnerable", &problems)
        vulnerabilityLevel = reader.string("vulnerability_level", &problems)
    }

    var json: JSONValue {
        .object(compacting: [
            ("count", count.map(JSONValue.integer)),
            ("vulnerable", vulnerable.map(JSONValue.bool)),
            ("vulnerability_level", vulnerabilityLevel.map(JSONValue.string)),
        ])
    }
}
