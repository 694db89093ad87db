/// One sample produced by a collector at scrape time.
public struct MetricSample: Sendable, Equatable {
    /// The sample's labels (values are escaped when rendered).
    public var labels: [String: String]
    /// The sample's value.
    public var value: Double

    /// A sample with `labels` and `value`.
    public init(labels: [String: String] = [:], value: Double) {
        self.labels = labels
        self.value = value
    }
}
