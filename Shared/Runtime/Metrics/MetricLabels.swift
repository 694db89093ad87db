/// A canonical, hashable label set: names sanitised and sorted so equal sets compare equal.
struct MetricLabels: Hashable, Sendable {
    let pairs: [Pair]

    struct Pair: Hashable, Sendable {
        let name: String
        let value: String
    }

    init(_ labels: [String: String]) {
        pairs = labels.map { Pair(name: MetricName.sanitisedLabel($0.key), value: $0.value) }
            .sorted { $0.name < $1.name }
    }

    /// The label set with one more pair appended (used for histogram `le`).
    func appending(_ name: String, _ value: String) -> MetricLabels {
        MetricLabels(pairs: pairs + [Pair(name: name, value: value)])
    }

    private init(pairs: [Pair]) {
        self.pairs = pairs
    }
}

/// Series are rendered in label order, for stable output.
extension MetricLabels.Pair: Comparable {
    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.name, lhs.value) < (rhs.name, rhs.value)
    }
}
