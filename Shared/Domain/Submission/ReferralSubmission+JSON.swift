extension ReferralSubmission: Codable {
    /// Reads a submission from a JSON tree. Never fails: a member of the wrong type is left
    /// nil and recorded in `decodingProblems` with its field path.
    public init(json: JSONValue) {
        self.init()
        var problems: [FieldError] = []
        defer { decodingProblems = problems }
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &problems) else { return }
        reader.rejectUnknown(Key.all, &problems)
        partnerReference = reader.string(Key.partnerReference, &problems)
        crimeType = reader.string(Key.crimeType, &problems)
        summary = reader.string(Key.summary, &problems)
        timeWindow = reader.object(Key.timeWindow, &problems).map { TimeWindowSubmission(reader: $0, problems: &problems) }
        victims = reader.object(Key.victims, &problems).map { VictimsSubmission(reader: $0, problems: &problems) }
        loss = reader.object(Key.loss, &problems).map { MoneySubmission(reader: $0, problems: &problems) }
        overseas = reader.bool(Key.overseas, &problems)
        indicators = reader.array(Key.indicators, &problems)?.map { element in
            guard let indicator = JSONObjectReader.make(element.value, at: element.path, problems: &problems) else {
                return IndicatorSubmission()
            }
            return IndicatorSubmission(reader: indicator, problems: &problems)
        }
        gateway = reader.string(Key.gateway, &problems)
        markings = reader.object(Key.markings, &problems).map { MarkingsSubmission(reader: $0, problems: &problems) }
        harm = reader.object(Key.harm, &problems).map { HarmSubmission(reader: $0, problems: &problems) }
    }

    /// The JSON form, omitting absent fields.
    public var json: JSONValue {
        .object(compacting: [
            (Key.partnerReference, partnerReference.map(JSONValue.string)),
            (Key.crimeType, crimeType.map(JSONValue.string)),
            (Key.summary, summary.map(JSONValue.string)),
            (Key.timeWindow, timeWindow?.json),
            (Key.victims, victims?.json),
            (Key.loss, loss?.json),
            (Key.overseas, overseas.map(JSONValue.bool)),
            (Key.indicators, indicators.map { .array($0.map(\.json)) }),
            (Key.gateway, gateway.map(JSONValue.string)),
            (Key.markings, markings?.json),
            (Key.harm, harm?.json),
        ])
    }

    /// Throws only when the body is not JSON at all; type errors surface from validation.
    public init(from decoder: any Decoder) throws {
        self.init(json: try JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

extension JSONValue {
    /// An object of the members that are present.
    static func object(compacting members: [(String, JSONValue?)]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (key, value) in members {
            if let value { object[key] = value }
        }
        return .object(object)
    }
}
