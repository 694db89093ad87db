import Synchronization

/// A process-wide set of counters, gauges and histograms, rendered in Prometheus text format 0.0.4.
///
/// Asking twice for the same name and labels returns the same series, so call sites need not keep handles.
public final class MetricsRegistry: Sendable {
    struct Family {
        let name: String
        let help: String
        let type: MetricType
        var series: [MetricLabels: Series] = [:]
    }

    enum Series {
        case counter(Counter)
        case gauge(Gauge)
        case histogram(Histogram)
    }

    struct Collector {
        let name: String
        let help: String
        let type: MetricType
        let collect: @Sendable () async -> [MetricSample]
    }

    struct State {
        var families: [String: Family] = [:]
        var collectors: [Collector] = []
    }

    let state = Mutex(State())

    /// An empty registry.
    public init() {}

    /// The counter `name` with `labels`, created on first use.
    public func counter(_ name: String, help: String, labels: [String: String] = [:]) -> Counter {
        let series = series(name, help: help, type: .counter, labels: labels) { .counter(Counter()) }
        guard case .counter(let counter) = series else { preconditionFailure("metric \(name) is not a counter") }
        return counter
    }

    /// The gauge `name` with `labels`, created on first use.
    public func gauge(_ name: String, help: String, labels: [String: String] = [:]) -> Gauge {
        let series = series(name, help: help, type: .gauge, labels: labels) { .gauge(Gauge()) }
        guard case .gauge(let gauge) = series else { preconditionFailure("metric \(name) is not a gauge") }
        return gauge
    }

    /// The histogram `name` with `labels`, created on first use with `buckets` (upper bounds, ascending).
    public func histogram(
        _ name: String, help: String, labels: [String: String] = [:], buckets: [Double] = Histogram.defaultBuckets
    ) -> Histogram {
        let series = series(name, help: help, type: .histogram, labels: labels) { .histogram(Histogram(buckets: buckets)) }
        guard case .histogram(let histogram) = series else { preconditionFailure("metric \(name) is not a histogram") }
        return histogram
    }

    /// Registers a family whose samples are produced at scrape time, e.g. queue depth read from the database.
    public func addCollector(
        _ name: String, help: String, type: MetricType = .gauge,
        _ collect: @escaping @Sendable () async -> [MetricSample]
    ) {
        let collector = Collector(name: MetricName.sanitised(name), help: help, type: type, collect: collect)
        state.withLock { $0.collectors.append(collector) }
    }

    private func series(
        _ name: String, help: String, type: MetricType, labels: [String: String], make: () -> Series
    ) -> Series {
        let name = MetricName.sanitised(name)
        let key = MetricLabels(labels)
        return state.withLock { state in
            var family = state.families[name] ?? Family(name: name, help: help, type: type)
            precondition(family.type == type, "metric \(name) registered as \(family.type.rawValue), not \(type.rawValue)")
            if let existing = family.series[key] { return existing }
            let created = make()
            family.series[key] = created
            state.families[name] = family
            return created
        }
    }
}
