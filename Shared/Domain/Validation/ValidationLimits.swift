/// Bounds on every part of a referral, so no input can exhaust memory, storage or attention.
public struct ValidationLimits: Sendable, Hashable, Codable {
    public var maxPartnerReferenceLength = 100
    public var maxSummaryLength = 10_000
    /// The meaningful-content rule: a referral needs at least one indicator, or (for a
    /// narrative-only referral, such as a ransomware incident before IOCs are known) a
    /// summary of at least this many characters, enough for a triage officer to act on.
    public var minSummaryLengthWithoutIndicators = 50
    public var maxIndicators = 500
    public var maxIndicatorFieldLength = 2_048
    public var maxVictims = 1_000_000
    /// £1 trillion: larger than any single UK fraud, small enough for exact `numeric` sums.
    public var maxLossMajorUnits: Int64 = 1_000_000_000_000
    public var maxHandlingConditionsLength = 1_000
    /// How far `last_seen` may lie after `now` (clock skew between partner and us), in seconds.
    public var maxFutureSkewSeconds = 300
    /// Nothing before 1990 can be a current online-crime sighting.
    public var earliestYear = 1990

    public init() {}

    public static let standard = ValidationLimits()

    private enum CodingKeys: String, CodingKey {
        case maxPartnerReferenceLength = "max_partner_reference_length"
        case maxSummaryLength = "max_summary_length"
        case minSummaryLengthWithoutIndicators = "min_summary_length_without_indicators"
        case maxIndicators = "max_indicators"
        case maxIndicatorFieldLength = "max_indicator_field_length"
        case maxVictims = "max_victims"
        case maxLossMajorUnits = "max_loss_major_units"
        case maxHandlingConditionsLength = "max_handling_conditions_length"
        case maxFutureSkewSeconds = "max_future_skew_seconds"
        case earliestYear = "earliest_year"
    }
}
