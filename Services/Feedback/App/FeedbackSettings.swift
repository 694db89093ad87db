import Runtime

/// Feedback's own settings, beside the shared `ServiceEnvironment`.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `FEEDBACK_CONCURRENCY` | outcomes turned into feedback at once by this process | 8 |
///
/// and the webhook delivery settings (`WebhookSettings`) and the console's (`ConsoleSettings`).
public struct FeedbackSettings: Sendable {
    public static let defaultPort = 8082

    public var concurrency: Int
    public var webhooks: WebhookSettings
    public var console: ConsoleSettings

    public init(concurrency: Int = 8, webhooks: WebhookSettings = WebhookSettings(), console: ConsoleSettings = ConsoleSettings()) {
        self.concurrency = concurrency
        self.webhooks = webhooks
        self.console = console
    }

    public init(config: Config) throws {
        self.init(concurrency: try config.int("FEEDBACK_CONCURRENCY", default: 8, in: 1...256), webhooks: try WebhookSettings(config: config),
                  console: try ConsoleSettings(config: config))
    }
}
