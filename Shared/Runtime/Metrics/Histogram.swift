import Synchronization

/// Observations counted into cumulative buckets, e.g. request latency in seconds.
public final class Histogram: Sendable {
    /// Prometheus' default latency buckets, in seconds.
    public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Snapshot {
        var counts: [UInt64]
        var sum = 0.0
        var count: UInt64 = 0
    }

    /// The finite upper bounds, ascending; `+Inf` is implied.
    public let buckets: [Double]
    private let storage: Mutex<Snapshot>

    init(buckets: [Double]) {
        self.buckets = Array(Set(buckets.filter(\.isFinite))).sorted()
        storage = Mutex(Snapshot(counts: Array(repeating: 0, count: self.buckets.count)))
    }

    /// Records one observation.
    public func observe(_ value: Double) {
        let index = buckets.firstIndex { value <= $0 }
        storage.withLock { snapshot in
            if let index { snapshot.counts[index] += 1 }
            snapshot.sum += value
            snapshot.count += 1
        }
    }

    /// Records the elapsed time of a `ContinuousClock` duration, in seconds.
    public func observe(_ duration: Duration) {
        let parts = duration.components
        observe(Double(parts.seconds) + Double(parts.attoseconds) / 1e18)
    }

    var snapshot: Snapshot {
        storage.withLock { $0 }
    }
}
