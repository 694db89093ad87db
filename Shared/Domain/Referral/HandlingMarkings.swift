/// The markings that travel with a referral and bound what may be shared onward.
public struct HandlingMarkings: Sendable, Hashable, Codable {
    public let tlp: TLP
    public let sourceEvaluation: SourceEvaluation
    public let intelligenceAssessment: IntelligenceAssessment
    public let handlingCode: HandlingCode
    /// Present exactly when `handlingCode` is C; the conditions travel with the record.
    public let handlingConditions: String?

    public init(
        tlp: TLP, sourceEvaluation: SourceEvaluation, intelligenceAssessment: IntelligenceAssessment,
        handlingCode: HandlingCode, handlingConditions: String? = nil
    ) {
        self.tlp = tlp
        self.sourceEvaluation = sourceEvaluation
        self.intelligenceAssessment = intelligenceAssessment
        self.handlingCode = handlingCode
        self.handlingConditions = handlingConditions
    }

    /// The 3x5x2 grade as officers write it, e.g. `2B P` or `1A C`.
    public var grade: String {
        "\(sourceEvaluation.rawValue)\(intelligenceAssessment.rawValue) \(handlingCode.rawValue)"
    }

    private enum CodingKeys: String, CodingKey {
        case tlp
        case sourceEvaluation = "source_evaluation"
        case intelligenceAssessment = "intelligence_assessment"
        case handlingCode = "handling_code"
        case handlingConditions = "handling_conditions"
    }
}
