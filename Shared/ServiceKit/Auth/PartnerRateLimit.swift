import HTTP
import Runtime

/// How many requests one partner may make of a service: a token bucket per partner, whichever of
/// its keys it uses. Read by the services partners call (intake, feedback):
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `PARTNER_RATE_LIMIT` | requests per second one partner may sustain; `0` turns the limit off | 5000 |
/// | `PARTNER_RATE_BURST` | requests one partner may make at once before the rate applies | the rate |
///
/// The default sits above the exchange's throughput targets (3,000 referrals/s into intake), so it
/// never limits the demo or the benchmarks, which submit as one partner per sector; an operator
/// lowers it to keep one partner's runaway client from crowding out the rest.
public struct PartnerRateLimit: Sendable {
    public static let defaultRate = 5_000

    /// Requests per second; 0 is no limit.
    public var rate: Int
    public var burst: Int
    /// The time buckets refill by; tests substitute one they move themselves.
    public var clock: @Sendable () -> ContinuousClock.Instant

    public init(rate: Int = PartnerRateLimit.defaultRate, burst: Int? = nil, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.rate = rate
        self.burst = burst ?? max(rate, 1)
        self.clock = clock
    }

    public init(config: Config) throws {
        let rate = try config.int("PARTNER_RATE_LIMIT", default: Self.defaultRate, in: 0...1_000_000)
        self.init(rate: rate, burst: try config.int("PARTNER_RATE_BURST", default: max(rate, 1), in: 1...1_000_000))
    }

    /// No limit at all.
    public static let off = PartnerRateLimit(rate: 0)

    /// The middleware that applies the limit after `APIKeyMiddleware`, keyed by the authenticated
    /// partner (other callers pass); `nil` when the limit is off. Make one per service and share
    /// it between its partner routes, so that they draw on one bucket per partner.
    public func middleware() -> RateLimitMiddleware? {
        guard rate > 0 else { return nil }
        return RateLimitMiddleware(rate: Double(rate), burst: burst, clock: clock) { request in
            request.context.principal(as: Principal.self)?.partnerID.map { String($0) }
        }
    }
}
