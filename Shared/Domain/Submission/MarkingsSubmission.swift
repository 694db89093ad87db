/// `markings` as sent: TLP label and the 3x5x2 grade.
public struct MarkingsSubmission: Sendable, Hashable {
    public var tlp: String?
    public var sourceEvaluation: Int?
    public var intelligenceAssessment: String?
    public var handlingCode: String?
    public var handlingConditions: String?

    public init(
        tlp: String? = nil, sourceEvaluation: Int? = nil, intelligenceAssessment: String? = nil,
        handlingCode: String? = nil, handlingConditions: String? = nil
    ) {
        self.tlp = tlp
        self.sourceEvaluation = sourceEvaluation
        self.intelligenceAssessment = intelligenceAssessment
        self.handlingCode = handlingCode
        self.handlingConditions = handlingConditions
    }

    static let keys: Set<String> = [
        "tlp", "source_evaluation", "intelligence_assessment", "handling_code", "handling_conditions",
    ]

    init(reader: JSONObjectReader, problems: inout [FieldError]) {
        reader.rejectUnknown(Self.keys, &problems)
        tlp = reader.string("tlp", &problems)
        sourceEvaluation = reader.integer("source_evaluation", &problems)
        intelligenceAssessment = reader.string("intelligence_assessment", &problems)
        handlingCode = reader.string("handling_code", &problems)
        handlingConditions = reader.string("handling_conditions", &problems)
    }

    var json: JSONValue {
        .object(compacting: [
            ("tlp", tlp.map(JSONValue.string)),
            ("source_evaluation", sourceEvaluation.map(JSONValue.integer)),
            ("intelligence_assessment", intelligenceAssessment.map(JSONValue.string)),
            ("handling_code", handlingCode.map(JSONValue.string)),
            ("handling_conditions", handlingConditions.map(JSONValue.string)),
        ])
    }
}
