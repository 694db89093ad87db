import Foundation

/// A partner's evidence that it carried a request out: when, any money frozen or repatriated,
/// and its own reference for the action.
public struct RequestCompletion: Sendable, Hashable, Encodable {
    public let completedAt: Date
    public let amount: Money?
    public let reference: String?

    public init(completedAt: Date, amount: Money?, reference: String?) {
        self.completedAt = completedAt
        self.amount = amount
        self.reference = reference
    }

    private enum CodingKeys: String, CodingKey {
        case amount, reference
        case completedAt = "completed_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTimestamp(completedAt, forKey: .completedAt)
        try container.encode(amount, forKey: .amount)
        try container.encode(reference, forKey: .reference)
    }
}
