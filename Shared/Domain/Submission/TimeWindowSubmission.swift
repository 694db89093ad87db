/// `time_window` as sent: RFC 3339 strings, checked by the validator.
public struct TimeWindowSubmission: Sendable, Hashable {
    public var firstSeen: String?
    public var lastSeen: String?

    public init(firstSeen: String? = nil, lastSeen: String? = nil) {
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    init(reader: JSONObjectReader, problems: inout [FieldError]) {
        reader.rejectUnknown(["first_seen", "last_seen"], &problems)
        firstSeen = reader.string("first_seen", &problems)
        lastSeen = reader.string("last_seen", &problems)
    }

    var json: JSONValue {
        .object(compacting: [("first_seen", firstSeen.map(JSONValue.string)), ("last_seen", lastSeen.map(JSONValue.string))])
    }
}
