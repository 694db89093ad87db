import Synchronization

/// Limits requests per key (a partner, once authenticated) with a token bucket each; over the
/// limit the answer is 429 with `Retry-After`. Requests without a key pass: place this after the
/// middleware that establishes who is calling. One instance is one set of buckets: share it
/// between the route groups whose requests should count together.
public final class RateLimitMiddleware: Middleware {
    private struct State {
        var buckets: [String: TokenBucket] = [:]
        var lastSweep: ContinuousClock.Instant
    }

    private let rate: Double
    private let burst: Int
    private let key: @Sendable (Request) -> String?
    private let clock: @Sendable () -> ContinuousClock.Instant
    private let state: Mutex<State>
    /// How often buckets that have refilled completely are forgotten (a full bucket is the same as
    /// none), so memory holds only the keys seen in about the last minute plus a refill time.
    static let sweepInterval: Duration = .seconds(60)

    /// `rate` requests per second per key, with bursts of up to `burst`. `clock` is the time the
    /// buckets refill by: tests pass one they move themselves, so that counts never race the machine.
    public init(
        rate: Double, burst: Int, clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
        key: @escaping @Sendable (Request) -> String?
    ) {
        precondition(rate > 0 && burst >= 1, "a rate limit needs a positive rate and a burst of at least one")
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.key = key
        state = Mutex(State(lastSweep: clock()))
    }

    public func handle(_ request: Request, next: (Request) async throws -> Response) async throws -> Response {
        if let key = key(request), let wait = take(key) {
            throw HTTPError(.tooManyRequests, detail: "request rate limit exceeded; retry later",
                            headers: ["Retry-After": String(wait)])
        }
        return try await next(request)
    }

    /// Counts a request of `key`: `nil` if it may proceed, else the whole seconds (at least one)
    /// until it may. For routes that establish the caller themselves (TAXII).
    public func take(_ key: String) -> Int? {
        take(key, now: clock())
    }

    func take(_ key: String, now: ContinuousClock.Instant) -> Int? {
        state.withLock { state -> Int? in
            if state.lastSweep.duration(to: now) >= Self.sweepInterval {
                state.buckets = state.buckets.filter { !$0.value.isFull(now: now) }
                state.lastSweep = now
            }
            var bucket = state.buckets[key] ?? TokenBucket(rate: rate, burst: burst, now: now)
            defer { state.buckets[key] = bucket }
            return bucket.take(now: now)
        }
    }

    /// Keys with a bucket held (for tests of the sweep).
    var keyCount: Int {
        state.withLock { $0.buckets.count }
    }
}
