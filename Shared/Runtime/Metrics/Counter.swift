import Synchronization

/// A monotonically increasing value, e.g. requests served.
public final class Counter: Sendable {
    private let storage = Mutex(0.0)

    init() {}

    /// Adds `amount` (negative amounts are ignored: counters never go down).
    public func increment(by amount: Double = 1) {
        guard amount > 0 else { return }
        storage.withLock { $0 += amount }
    }

    /// The current total.
    public var value: Double {
        storage.withLock { $0 }
    }
}
