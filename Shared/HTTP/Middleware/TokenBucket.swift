/// A token bucket: up to `burst` requests at once, refilled at `rate` per second. Pure: the caller
/// passes the time.
struct TokenBucket: Sendable {
    let rate: Double
    let burst: Double
    private(set) var tokens: Double
    private(set) var updated: ContinuousClock.Instant

    init(rate: Double, burst: Int, now: ContinuousClock.Instant) {
        self.rate = rate
        self.burst = Double(burst)
        tokens = Double(burst)
        updated = now
    }

    /// Takes a token if one is there; otherwise the whole seconds until one will be.
    mutating func take(now: ContinuousClock.Instant) -> Int? {
        refill(now: now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return max(1, Int(((1 - tokens) / rate).rounded(.up)))
    }

    /// Whether the bucket is full at `now` (forgetting it changes nothing).
    func isFull(now: ContinuousClock.Instant) -> Bool {
        var refilled = self
        refilled.refill(now: now)
        return refilled.tokens >= burst
    }

    private mutating func refill(now: ContinuousClock.Instant) {
        let elapsed = updated.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(burst, tokens + max(0, seconds) * rate)
        updated = max(updated, now)
    }
}
