/// The `type` of a webhook event: dotted lower-case words, e.g. `feedback.released`. Receivers
/// switch on it; a type, once sent, keeps its meaning and payload shape.
public struct WebhookEventType: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    /// A feedback item the disclosure decision point released to the partner; the payload is the
    /// item exactly as `GET /v1/feedback` returns it.
    public static let feedbackReleased = WebhookEventType(checked: "feedback.released")
    /// A disruption request addressed to the partner; the payload is the request as
    /// `GET /v1/requests` shows it to that partner (`Disclosure.requestView`).
    public static let requestRaised = WebhookEventType(checked: "request.raised")
    /// A question (RFI) asked of the partner that referred a tasking's referral; the payload is the
    /// RFI as `GET /v1/rfis` shows it.
    public static let rfiAsked = WebhookEventType(checked: "rfi.asked")
    /// The partner withdrew one of its referrals; the payload is the answer the withdrawal gave.
    public static let referralWithdrawn = WebhookEventType(checked: "referral.withdrawn")
    /// The partner corrected one of its referrals; the payload is the answer the correction gave.
    public static let referralCorrected = WebhookEventType(checked: "referral.corrected")
    /// Sent by `occ partners webhook test` and `POST /v1/webhooks/test`.
    public static let test = WebhookEventType(checked: "webhook.test")

    public let rawValue: String

    /// Nil unless 3 to 64 characters of dotted lower-case words (`[a-z][a-z0-9_]*`, two or more).
    public init?(rawValue: String) {
        guard (3...64).contains(rawValue.utf8.count),
              rawValue.wholeMatch(of: /[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+/) != nil
        else { return nil }
        self.rawValue = rawValue
    }

    private init(checked: String) {
        rawValue = checked
    }

    public var description: String { rawValue }
}
