import Foundation

/// A legal hold as an officer or operator asks for it: why, and until when (nil: until released).
public struct LegalHoldDraft: Sendable, Hashable {
    public let reason: String
    public let until: Date?

    /// Why a hold was refused.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case reason
        case untilNotFuture

        public var field: String {
            switch self {
            case .reason: "reason"
            case .untilNotFuture: "until"
            }
        }

        public var description: String {
            switch self {
            case .reason: "reason must be 3–1000 characters, not only spaces"
            case .untilNotFuture: "until must be later than now"
            }
        }
    }

    /// Checks the hold against `now` (the caller's clock: Domain reads none).
    public static func check(reason: String, until: Date?, now: Date) -> Result<LegalHoldDraft, Problem> {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...1000).contains(trimmed.count), reason.count <= 1000 else { return .failure(.reason) }
        if let until, until <= now { return .failure(.untilNotFuture) }
        return .success(LegalHoldDraft(reason: reason, until: until))
    }
}
