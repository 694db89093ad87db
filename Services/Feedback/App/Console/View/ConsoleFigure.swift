import ConsoleKit

/// The console's charts, drawn by ConsoleKit: each an inline SVG with a title and description
/// (its text alternative) and a table of the same numbers beside it. A chart is drawn only when
/// the role may see every number in it: under the oversight floor the page shows its table alone.
enum ConsoleFigure {
    static func funnel(id: String, title: String, summary: String, stages: [(String, Int)]) -> String {
        FunnelChart(id: id, title: title, summary: summary, stages: stages.map { FunnelStage(name: $0.0, count: Double($0.1)) })
            .render().markup
    }

    static func bars(id: String, title: String, summary: String, header: String, categories: [(String, Int)]) -> String {
        BarChart(id: id, title: title, summary: summary, categoryHeader: header, categories: categories.map(\.0),
                 series: [ChartSeries(name: "Count", values: categories.map { Double($0.1) })]).render().markup
    }
}
