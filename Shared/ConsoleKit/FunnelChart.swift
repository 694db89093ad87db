/// A funnel (received → tasked → accepted → outcome → judicial): one horizontal bar per stage on a
/// count axis, each labelled with its count and its share of the previous stage; the table adds
/// the share of the first stage.
public struct FunnelChart: Sendable, Equatable {
    /// Unique on the page: the figure's id and the prefix of its title's and description's ids.
    public var id: String
    public var title: String
    /// What the chart shows, in a sentence; the description adds the extremes and points to the table.
    public var summary: String
    public var stageHeader: String
    public var stages: [FunnelStage]
    public var format: ChartValueFormat

    public init(
        id: String, title: String, summary: String, stageHeader: String = "Stage",
        stages: [FunnelStage], format: ChartValueFormat = .integer
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.stageHeader = stageHeader
        self.stages = stages
        self.format = format
    }

    /// The `<figure>`: caption, SVG and data table.
    public func render() -> HTML {
        let counts: [Double?] = stages.map { $0.count.isFinite ? $0.count : nil }
        let rows = stages.indices.map { index in
            (stages[index].name, [
                format.string(counts[index]),
                index == 0 ? "–" : Self.share(counts[index], of: counts[index - 1]),
                Self.share(counts[index], of: counts[0]),
            ])
        }
        return ChartFigure(
            id: id, kind: "funnel", title: title,
            description: ChartDescription.compose(
                summary, points: stages.indices.compactMap { i in counts[i].map { (stages[i].name, $0) } }, format: format),
            drawing: stages.isEmpty ? [ChartFigure.noData] : drawing(counts),
            table: ChartFigure.table(
                caption: title, headers: [stageHeader, "Count", "Share of previous stage", "Share of first stage"], rows: rows)
        ).render()
    }

    /// `part` as a percentage of `whole` with one decimal; "–" when either is missing or `whole` is not positive.
    static func share(_ part: Double?, of whole: Double?) -> String {
        guard let part, let whole, whole > 0 else { return "–" }
        return ChartValueFormat.percent(places: 1).string(part / whole * 100)
    }

    private func drawing(_ counts: [Double?]) -> [HTML] {
        let scale = ChartScale(values: counts.compactMap { $0 })
        let band = ChartCanvas.plotHeight / Double(stages.count)
        let zero = ChartAxis.x(0, scale)
        let n = ChartCanvas.number
        let labelLimit = Int(ChartCanvas.plotLeft / 6.5)
        let bars = stages.indices.map { index -> HTML in
            let top = ChartCanvas.plotTop + band * (Double(index) + 0.15)
            let height = band * 0.7
            let middle = n(top + height / 2)
            var parts: [HTML] = [ChartCanvas.text(stages[index].name, limit: labelLimit, [
                ("class", "category-label"), ("x", n(ChartCanvas.plotLeft - 6)), ("y", middle),
                ("text-anchor", "end"), ("dominant-baseline", "middle"), ("font-size", "11"),
            ])]
            if let count = counts[index] {
                let x = ChartAxis.x(count, scale)
                let share = index == 0 ? "" : " (\(Self.share(count, of: counts[index - 1])))"
                parts.append(.element("rect", [
                    ("x", n(min(x, zero))), ("y", n(top)), ("width", n(abs(x - zero))), ("height", n(height)),
                    ("fill", ChartCanvas.colour(0)),
                ], [.element("title", text: "\(stages[index].name): \(format.string(count))\(share)")]))
                // Near the right edge the label goes inside the bar's end, in white, so it stays in view.
                let inside = max(x, zero) > ChartCanvas.plotRight - 110
                parts.append(.element("text", [
                    ("class", inside ? "value-label inside" : "value-label"), ("x", n(inside ? max(x, zero) - 4 : max(x, zero) + 4)),
                    ("y", middle), ("dominant-baseline", "middle"), ("font-size", "10"),
                    ("text-anchor", inside ? "end" : "start"), ("fill", inside ? "#ffffff" : "#000000"),
                ], text: format.compact(count) + share))
            }
            return .element("g", [("class", "stage")], parts)
        }
        return [ChartAxis.horizontal(scale, format: format), .element("g", [("class", "series series-0")], bars)]
    }
}
