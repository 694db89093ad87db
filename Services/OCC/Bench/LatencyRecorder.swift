/// Collects latencies (in nanoseconds) and reports percentiles.
struct LatencyRecorder: Sendable {
    private(set) var samples: [Int64] = []

    mutating func record(_ duration: Duration) {
        samples.append(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    mutating func merge(_ other: LatencyRecorder) { samples.append(contentsOf: other.samples) }

    /// The q-quantile in milliseconds (q in 0...1); 0 when empty.
    func percentileMilliseconds(_ q: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * q).rounded(.up)) - 1))
        return Double(sorted[index]) / 1_000_000
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Fixed-width formatting for benchmark tables.
func figure(_ value: Double, decimals: Int = 0) -> String {
    String(format: "%.\(decimals)f", value)
}

/// `text` right-aligned in `width` columns.
func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}
