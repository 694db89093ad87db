/// The kind of a metric family, as written in its `# TYPE` line.
public enum MetricType: String, Sendable {
    case counter, gauge, histogram
}
