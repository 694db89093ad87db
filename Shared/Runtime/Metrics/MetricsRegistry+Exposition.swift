/// Rendering in the Prometheus text exposition format, version 0.0.4.
extension MetricsRegistry {
    /// The content type to send with `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Every family, sorted by name, with collectors run now.
    public func exposition() async -> String {
        let (families, collectors) = state.withLock { ($0.families, $0.collectors) }
        var blocks: [(name: String, text: String)] = []
        for family in families.values {
            var text = header(family.name, help: family.help, type: family.type)
            for labels in family.series.keys.sorted(by: { $0.pairs.lexicographicallyPrecedes($1.pairs) }) {
                if let series = family.series[labels] { render(series, name: family.name, labels: labels, into: &text) }
            }
            blocks.append((family.name, text))
        }
        for collector in collectors where families[collector.name] == nil {
            var text = header(collector.name, help: collector.help, type: collector.type)
            for sample in await collector.collect() {
                line(collector.name, MetricLabels(sample.labels), sample.value, into: &text)
            }
            blocks.append((collector.name, text))
        }
        return blocks.sorted { $0.name < $1.name }.map(\.text).joined()
    }

    private func header(_ name: String, help: String, type: MetricType) -> String {
        "# HELP \(name) \(Exposition.escapeHelp(help))\n# TYPE \(name) \(type.rawValue)\n"
    }

    private func render(_ series: Series, name: String, labels: MetricLabels, into text: inout String) {
        switch series {
        case .counter(let counter):
            line(name, labels, counter.value, into: &text)
        case .gauge(let gauge):
            line(name, labels, gauge.value, into: &text)
        case .histogram(let histogram):
            let snapshot = histogram.snapshot
            var cumulative: UInt64 = 0
            for (bound, count) in zip(histogram.buckets, snapshot.counts) {
                cumulative += count
                line(name + "_bucket", labels.appending("le", Exposition.format(bound)), Double(cumulative), into: &text)
            }
            line(name + "_bucket", labels.appending("le", "+Inf"), Double(snapshot.count), into: &text)
            line(name + "_sum", labels, snapshot.sum, into: &text)
            line(name + "_count", labels, Double(snapshot.count), into: &text)
        }
    }

    private func line(_ name: String, _ labels: MetricLabels, _ value: Double, into text: inout String) {
        text += name
        if !labels.pairs.isEmpty {
            text += "{" + labels.pairs.map { "\($0.name)=\"\(Exposition.escapeLabel($0.value))\"" }.joined(separator: ",") + "}"
        }
        text += " " + Exposition.format(value) + "\n"
    }
}
