import Synchronization

/// A value that goes up and down, e.g. open connections.
public final class Gauge: Sendable {
    private let storage = Mutex(0.0)

    init() {}

    /// Replaces the value.
    public func set(_ value: Double) {
        storage.withLock { $0 = value }
    }

    /// Adds `amount`.
    public func increment(by amount: Double = 1) {
        storage.withLock { $0 += amount }
    }

    /// Subtracts `amount`.
    public func decrement(by amount: Double = 1) {
        storage.withLock { $0 -= amount }
    }

    /// The current value.
    public var value: Double {
        storage.withLock { $0 }
    }
}
