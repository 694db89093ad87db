/// 3x5x2 intelligence assessment: how the source came to know the information.
public enum IntelligenceAssessment: String, Sendable, Codable, CaseIterable {
    case knownDirectly = "A"
    case knownIndirectlyCorroborated = "B"
    case knownIndirectly = "C"
    case notKnown = "D"
    case suspectedFalse = "E"
}
