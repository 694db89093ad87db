/// A referral exactly as a partner sent it: every field optional and loosely typed, so that
/// decoding never fails on content and `ReferralValidator` can report every problem at once.
public struct ReferralSubmission: Sendable, Hashable {
    public var partnerReference: String?
    public var crimeType: String?
    public var summary: String?
    public var timeWindow: TimeWindowSubmission?
    public var victims: VictimsSubmission?
    public var loss: MoneySubmission?
    public var overseas: Bool?
    public var indicators: [IndicatorSubmission]?
    public var gateway: String?
    public var markings: MarkingsSubmission?
    public var harm: HarmSubmission?
    /// Wrong JSON types and unknown fields met while decoding; the validator reports them.
    public internal(set) var decodingProblems: [FieldError] = []

    public init(
        partnerReference: String? = nil, crimeType: String? = nil, summary: String? = nil,
        timeWindow: TimeWindowSubmission? = nil, victims: VictimsSubmission? = nil,
        loss: MoneySubmission? = nil, overseas: Bool? = nil, indicators: [IndicatorSubmission]? = nil,
        gateway: String? = nil, markings: MarkingsSubmission? = nil, harm: HarmSubmission? = nil
    ) {
        self.partnerReference = partnerReference
        self.crimeType = crimeType
        self.summary = summary
        self.timeWindow = timeWindow
        self.victims = victims
        self.loss = loss
        self.overseas = overseas
        self.indicators = indicators
        self.gateway = gateway
        self.markings = markings
        self.harm = harm
    }

    enum Key {
        static let partnerReference = "partner_reference"
        static let crimeType = "crime_type"
        static let summary = "summary"
        static let timeWindow = "time_window"
        static let victims = "victims"
        static let loss = "loss"
        static let overseas = "overseas"
        static let indicators = "indicators"
        static let gateway = "gateway"
        static let markings = "markings"
        static let harm = "harm"
        static let all: Set<String> = [
            partnerReference, crimeType, summary, timeWindow, victims, loss, overseas, indicators, gateway, markings, harm,
        ]
    }
}
