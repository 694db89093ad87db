import Synchronization

/// A clock that stands still until the test moves it: for time-based logic (rate limits) whose
/// tests must count exactly however slowly the machine runs them.
public final class ManualClock: Sendable {
    private let start = ContinuousClock.now
    private let offset = Mutex<Duration>(.zero)

    public init() {}

    /// The current time: the moment this clock was made, plus every `advance`.
    public func now() -> ContinuousClock.Instant {
        start + offset.withLock { $0 }
    }

    public func advance(by duration: Duration) {
        offset.withLock { $0 += duration }
    }
}
