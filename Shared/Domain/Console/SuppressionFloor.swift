/// The oversight role sees aggregates only: a count below the floor (held as data, default 5)
/// is shown as "<floor", so no individual referral can be inferred from a small cell. Zero is
/// suppressed too, since "0" next to "<5" would narrow a neighbouring cell down.
public struct SuppressionFloor: Sendable, Hashable {
    public static let standard = SuppressionFloor(5)

    public let value: Int

    public init(_ value: Int) {
        self.value = max(1, value)
    }

    /// How `count` is shown: itself at or above the floor, "<floor" below it.
    public func display(_ count: Int) -> String {
        count >= value ? String(count) : "<\(value)"
    }

    /// Whether `count` may be shown (and used to derive a rate or trend).
    public func allows(_ count: Int) -> Bool {
        count >= value
    }
}
