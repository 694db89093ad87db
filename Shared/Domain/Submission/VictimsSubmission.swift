/// `victims` as sent.
public struct VictimsSubmission: Sendable, Hashable {
    public var count: Int?
    public var vulnerable: Bool?
    public var vulnerabilityLevel: String?
    /// The victim's UK postcode (or its outward part); only the outward code is kept.
    public var postcode: String?

    public init(count: Int? = nil, vulnerable: Bool? = nil, vulnerabilityLevel: String? = nil, postcode: String? = nil) {
        self.count = count
        self.vulnerable = vulnerable
        self.vulnerabilityLevel = vulnerabilityLevel
        self.postcode = postcode
    }

    init(reader: JSONObjectReader, problems: inout [FieldError]) {
        reader.rejectUnknown(["count", "vulnerable", "vulnerability_level", "postcode"], &problems)
        count = reader.integer("count", &problems)
        vulnerable = reader.bool("vulnerable", &problems)
        vulnerabilityLevel = reader.string("vulnerability_level", &problems)
        postcode = reader.string("postcode", &problems)
    }

    var json: JSONValue {
        .object(compacting: [
            ("count", count.map(JSONValue.integer)),
            ("vulnerable", vulnerable.map(JSONValue.bool)),
            ("vulnerability_level", vulnerabilityLevel.map(JSONValue.string)),
            ("postcode", postcode.map(JSONValue.string)),
        ])
    }
}
