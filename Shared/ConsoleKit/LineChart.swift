/// A time series per period (a week, say "2026-W47"), one line per series: a value axis from zero
/// with round ticks, a marker and a label on each point, and the same numbers in a table. Periods
/// are labels the caller makes, so the chart reads no clock. A missing value breaks the line.
public struct LineChart: Sendable, Equatable {
    /// Unique on the page: the figure's id and the prefix of its title's and description's ids.
    public var id: String
    public var title: String
    /// What the chart shows, in a sentence; the description adds the extremes and points to the table.
    public var summary: String
    /// The heading of the table's first column (e.g. "Week").
    public var periodHeader: String
    public var periods: [String]
    public var series: [ChartSeries]
    public var format: ChartValueFormat

    /// Above this many periods only each series' last point is labelled (every point keeps its
    /// marker and tooltip, and the table has every value), so labels do not overprint.
    static let labelledPeriods = 16

    public init(
        id: String, title: String, summary: String, periodHeader: String = "Week",
        periods: [String], series: [ChartSeries], format: ChartValueFormat = .integer
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.periodHeader = periodHeader
        self.periods = periods
        self.series = series
        self.format = format
    }

    /// The `<figure>`: caption, SVG and data table.
    public func render() -> HTML {
        ChartFigure(
            id: id, kind: "line", title: title,
            description: ChartDescription.of(summary: summary, categories: periods, series: series, format: format),
            drawing: periods.isEmpty || series.isEmpty ? [ChartFigure.noData] : drawing(),
            table: ChartFigure.table(
                caption: title, headers: [periodHeader] + series.map(\.name),
                rows: series.isEmpty ? [] : periods.indices.map { index in
                    (periods[index], series.map { format.string($0.value(at: index)) })
                }
            )
        ).render()
    }

    private func drawing() -> [HTML] {
        let scale = ChartScale(values: series.flatMap { s in periods.indices.compactMap { s.value(at: $0) } })
        let band = ChartCanvas.plotWidth / Double(periods.count)
        let n = ChartCanvas.number
        let lines = series.enumerated().map { seriesIndex, item -> HTML in
            let colour = ChartCanvas.colour(seriesIndex)
            let points = periods.indices.map { index in
                item.value(at: index).map { (index, ChartCanvas.plotLeft + band * (Double(index) + 0.5), ChartAxis.y($0, scale), $0) }
            }
            // Runs of consecutive values become one polyline each; a lone value is only a marker.
            let runs = points.split(whereSeparator: { $0 == nil }).map { $0.compactMap { $0 } }
            let polylines = runs.filter { $0.count > 1 }.map { run -> HTML in
                .element("polyline", [
                    ("class", "line"), ("fill", "none"), ("stroke", colour), ("stroke-width", "2"),
                    ("points", run.map { "\(n($0.1)),\(n($0.2))" }.joined(separator: " ")),
                ])
            }
            let lastIndex = points.last(where: { $0 != nil })??.0
            let markers = points.compactMap { $0 }.map { index, x, y, value -> HTML in
                var parts: [HTML] = [.element("circle", [("cx", n(x)), ("cy", n(y)), ("r", "3"), ("fill", colour)], [
                    .element("title", text: "\(periods[index]), \(item.name): \(format.string(value))"),
                ])]
                if periods.count <= Self.labelledPeriods || index == lastIndex {
                    parts.append(.element("text", [
                        ("class", "value-label"), ("x", n(x)), ("y", n(y - 7)), ("text-anchor", "middle"), ("font-size", "10"),
                    ], text: format.compact(value)))
                }
                return .element("g", [("class", "point")], parts)
            }
            return .element("g", [("class", "series series-\(seriesIndex)")], polylines + markers)
        }
        return [ChartAxis.vertical(scale, format: format), ChartAxis.categories(periods),
                ChartAxis.legend(series.map(\.name))] + lines
    }
}
