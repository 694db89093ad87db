import Runtime
import ServiceKit

/// Feedback's own settings, beside the shared `ServiceEnvironment`.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `FEEDBACK_CONCURRENCY` | batches of outcomes turned into feedback at once by this process | 8 |
/// | `FEEDBACK_BATCH` | most `deliver_feedback` jobs claimed and handled together | 32 |
/// | `FEEDBACK_TRANSACTION_RECIPIENTS` | most recipients one transaction of a batch decides for (an outcome reaching more has one of its own) | 2000 |
///
/// and the webhook delivery settings (`WebhookSettings`), each partner's request rate limit
/// (`PartnerRateLimit`) and the console's settings (`ConsoleSettings`).
public struct FeedbackSettings: Sendable {
    public static let defaultPort = 8082

    public var concurrency: Int
    public var batch: Int
    /// A batch is cut into transactions by its outcomes' recipients (`FeedbackHandler`).
    public var transactionRecipients: Int
    public var webhooks: WebhookSettings
    public var partnerRateLimit: PartnerRateLimit
    public var console: ConsoleSettings

    public init(
        concurrency: Int = 8, batch: Int = 32, transactionRecipients: Int = 2_000, webhooks: WebhookSettings = WebhookSettings(),
        partnerRateLimit: PartnerRateLimit = PartnerRateLimit(), console: ConsoleSettings = ConsoleSettings()
    ) {
        self.concurrency = concurrency
        self.batch = batch
        self.transactionRecipients = transactionRecipients
        self.webhooks = webhooks
        self.partnerRateLimit = partnerRateLimit
        self.console = console
    }

    public init(config: Config) throws {
        self.init(
            concurrency: try config.int("FEEDBACK_CONCURRENCY", default: 8, in: 1...256),
            batch: try config.int("FEEDBACK_BATCH", default: 32, in: 1...500),
            transactionRecipients: try config.int("FEEDBACK_TRANSACTION_RECIPIENTS", default: 2_000, in: 1...100_000), webhooks: try WebhookSettings(config: config),
            partnerRateLimit: try PartnerRateLimit(config: config), console: try ConsoleSettings(config: config))
    }
}
