import Domain
import Runtime

/// How the feedback service delivers webhooks (docs/webhooks.md).
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `WEBHOOK_CONCURRENCY` | deliveries this process runs at once | 8 |
/// | `WEBHOOK_PARTNER_CONCURRENCY` | requests in flight to one partner, across every process | 2 |
/// | `WEBHOOK_TIMEOUT` | time for one delivery: connect, send, whole response | 10s |
/// | `WEBHOOK_RETRY_FIRST_DELAY`, `WEBHOOK_RETRY_MAX_DELAY` | backoff after the first failure, doubling to the cap | 30s, 1h |
/// | `WEBHOOK_RETRY_WINDOW` | how long a delivery is retried before it is a dead letter (at least 24h) | 24h |
/// | `WEBHOOK_ALLOW_LOOPBACK` | let endpoints resolve to loopback addresses (tests only) | false |
public struct WebhookSettings: Sendable {
    public var concurrency: Int
    public var partnerConcurrency: Int
    public var timeout: Duration
    public var retry: WebhookRetryPolicy
    public var allowLoopback: Bool
    /// How long a delivery waits when its partner's requests in flight are at the limit.
    public var partnerBusyDelay: Duration

    public init(concurrency: Int = 8, partnerConcurrency: Int = 2, timeout: Duration = .seconds(10),
                retry: WebhookRetryPolicy = WebhookRetryPolicy(), allowLoopback: Bool = false,
                partnerBusyDelay: Duration = .seconds(1)) {
        self.concurrency = concurrency
        self.partnerConcurrency = partnerConcurrency
        self.timeout = timeout
        self.retry = retry
        self.allowLoopback = allowLoopback
        self.partnerBusyDelay = partnerBusyDelay
    }

    public init(config: Config) throws {
        self.init(
            concurrency: try config.int("WEBHOOK_CONCURRENCY", default: 8, in: 1...256),
            partnerConcurrency: try config.int("WEBHOOK_PARTNER_CONCURRENCY", default: 2, in: 1...64),
            timeout: try config.duration("WEBHOOK_TIMEOUT", default: .seconds(10), in: .seconds(1)...(.seconds(60))),
            retry: WebhookRetryPolicy(
                firstDelay: try config.duration("WEBHOOK_RETRY_FIRST_DELAY", default: .seconds(30), in: .seconds(1)...(.seconds(3600))),
                maxDelay: try config.duration("WEBHOOK_RETRY_MAX_DELAY", default: .seconds(3600), in: .seconds(1)...(.seconds(6 * 3600))),
                window: try config.duration("WEBHOOK_RETRY_WINDOW", default: .seconds(86_400), in: .seconds(86_400)...(.seconds(30 * 86_400)))),
            allowLoopback: try config.bool("WEBHOOK_ALLOW_LOOPBACK", default: false))
    }
}
