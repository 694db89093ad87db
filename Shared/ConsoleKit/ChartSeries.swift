/// One named row of values, one per category (bar chart) or period (line chart); `nil` is no
/// value (drawn as nothing, shown as "–" in the table). Values beyond the categories are ignored
/// and missing ones count as `nil`.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double?]

    public init(name: String, values: [Double?]) {
        self.name = name
        self.values = values
    }

    /// The value at `index`, `nil` when absent or not finite.
    func value(at index: Int) -> Double? {
        guard index < values.count, let value = values[index], value.isFinite else { return nil }
        return value
    }
}
