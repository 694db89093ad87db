import Runtime
import ServiceKit

/// Feedback's own settings, beside the shared `ServiceEnvironment`.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `FEEDBACK_CONCURRENCY` | outcomes turned into feedback at once by this process | 8 |
///
/// and the webhook delivery settings (`WebhookSettings`) and each partner's request rate limit
/// (`PartnerRateLimit`).
public struct FeedbackSettings: Sendable {
    public static let defaultPort = 8082

    public var concurrency: Int
    public var webhooks: WebhookSettings
    public var partnerRateLimit: PartnerRateLimit

    public init(
        concurrency: Int = 8, webhooks: WebhookSettings = WebhookSettings(),
        partnerRateLimit: PartnerRateLimit = PartnerRateLimit()
    ) {
        self.concurrency = concurrency
        self.webhooks = webhooks
        self.partnerRateLimit = partnerRateLimit
    }

    public init(config: Config) throws {
        self.init(
            concurrency: try config.int("FEEDBACK_CONCURRENCY", default: 8, in: 1...256),
            webhooks: try WebhookSettings(config: config),
            partnerRateLimit: try PartnerRateLimit(config: config))
    }
}
