/// 3x5x2 source evaluation: how far the source has proved reliable.
public enum SourceEvaluation: Int, Sendable, Codable, CaseIterable {
    case reliable = 1
    case untested = 2
    case notReliable = 3
}
