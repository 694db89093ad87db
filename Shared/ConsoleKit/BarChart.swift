/// A vertical bar chart, grouped when there is more than one series: a value axis from zero (or
/// below, for negative values) with round ticks, a label on every bar, and the same numbers in a
/// table beside it.
public struct BarChart: Sendable, Equatable {
    /// Unique on the page: the figure's id and the prefix of its title's and description's ids.
    public var id: String
    public var title: String
    /// What the chart shows, in a sentence; the description adds the extremes and points to the table.
    public var summary: String
    /// The heading of the table's first column (e.g. "Agency team").
    public var categoryHeader: String
    public var categories: [String]
    public var series: [ChartSeries]
    public var format: ChartValueFormat

    public init(
        id: String, title: String, summary: String, categoryHeader: String,
        categories: [String], series: [ChartSeries], format: ChartValueFormat = .integer
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.categoryHeader = categoryHeader
        self.categories = categories
        self.series = series
        self.format = format
    }

    /// The `<figure>`: caption, SVG and data table.
    public func render() -> HTML {
        ChartFigure(
            id: id, kind: "bar", title: title,
            description: ChartDescription.of(summary: summary, categories: categories, series: series, format: format),
            drawing: categories.isEmpty || series.isEmpty ? [ChartFigure.noData] : drawing(),
            table: ChartFigure.table(
                caption: title, headers: [categoryHeader] + series.map(\.name),
                rows: series.isEmpty ? [] : categories.indices.map { index in
                    (categories[index], series.map { format.string($0.value(at: index)) })
                }
            )
        ).render()
    }

    private func drawing() -> [HTML] {
        let scale = ChartScale(values: series.flatMap { s in categories.indices.compactMap { s.value(at: $0) } })
        let band = ChartCanvas.plotWidth / Double(categories.count)
        let barWidth = band * 0.8 / Double(series.count)
        let zero = ChartAxis.y(0, scale)
        let n = ChartCanvas.number
        let groups = series.enumerated().map { seriesIndex, item -> HTML in
            let bars = categories.indices.compactMap { index -> HTML? in
                guard let value = item.value(at: index) else { return nil }
                let y = ChartAxis.y(value, scale)
                let x = ChartCanvas.plotLeft + band * (Double(index) + 0.1) + barWidth * Double(seriesIndex)
                let labelY = value < 0 ? max(y, zero) + 12 : min(y, zero) - 4
                return .element("g", [("class", "bar")], [
                    .element("rect", [
                        ("x", n(x)), ("y", n(min(y, zero))), ("width", n(barWidth)), ("height", n(abs(zero - y))),
                        ("fill", ChartCanvas.colour(seriesIndex)),
                    ], [.element("title", text: "\(categories[index]), \(item.name): \(format.string(value))")]),
                    .element("text", [
                        ("class", "value-label"), ("x", n(x + barWidth / 2)), ("y", n(labelY)),
                        ("text-anchor", "middle"), ("font-size", "10"),
                    ], text: format.compact(value)),
                ])
            }
            return .element("g", [("class", "series series-\(seriesIndex)")], bars)
        }
        return [ChartAxis.vertical(scale, format: format), ChartAxis.categories(categories),
                ChartAxis.legend(series.map(\.name))] + groups
    }
}
