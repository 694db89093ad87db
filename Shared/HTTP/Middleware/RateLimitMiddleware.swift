import Synchronization

/// Limits requests per key (a partner, once authenticated) with a token bucket each; over the
/// limit the answer is 429 with `Retry-After`. Requests without a key pass: place this after the
/// middleware that establishes who is calling.
public final class RateLimitMiddleware: Middleware {
    private let rate: Double
    private let burst: Int
    private let key: @Sendable (Request) -> String?
    private let buckets = Mutex<[String: TokenBucket]>([:])
    /// Past this many keys, buckets that have refilled completely are forgotten.
    private static let pruneAbove = 10_000

    /// `rate` requests per second per key, with bursts of up to `burst`.
    public init(rate: Double, burst: Int, key: @escaping @Sendable (Request) -> String?) {
        precondition(rate > 0 && burst >= 1, "a rate limit needs a positive rate and a burst of at least one")
        self.rate = rate
        self.burst = burst
        self.key = key
    }

    public func handle(_ request: Request, next: (Request) async throws -> Response) async throws -> Response {
        guard let key = key(request) else { return try await next(request) }
        let now = ContinuousClock.now
        let wait = buckets.withLock { buckets -> Int? in
            if buckets.count > Self.pruneAbove {
                buckets = buckets.filter { !$0.value.isFull(now: now) }
            }
            var bucket = buckets[key] ?? TokenBucket(rate: rate, burst: burst, now: now)
            defer { buckets[key] = bucket }
            return bucket.take(now: now)
        }
        if let wait {
            throw HTTPError(.tooManyRequests, detail: "request rate limit exceeded; retry later",
                            headers: ["Retry-After": String(wait)])
        }
        return try await next(request)
    }
}
