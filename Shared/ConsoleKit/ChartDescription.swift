/// The text alternative of a chart: the caller's summary, then what a sighted reader takes from
/// the picture at a glance (how many values, the highest and the lowest), then where the rest is.
enum ChartDescription {
    static func of(summary: String, categories: [String], series: [ChartSeries], format: ChartValueFormat) -> String {
        var points: [(label: String, value: Double)] = []
        for item in series {
            for index in categories.indices {
                guard let value = item.value(at: index) else { continue }
                points.append((series.count > 1 ? "\(categories[index]), \(item.name)" : categories[index], value))
            }
        }
        return compose(summary, points: points, format: format)
    }

    static func compose(_ summary: String, points: [(label: String, value: Double)], format: ChartValueFormat) -> String {
        let lead = summary.isEmpty ? "" : summary + " "
        // The first of equal values wins, so the text is the same on every render.
        guard let highest = points.max(by: { $0.value < $1.value }),
              let lowest = points.min(by: { $0.value < $1.value }) else {
            return lead + "No data."
        }
        let count = points.count == 1 ? "1 value" : "\(points.count) values"
        let extremes = points.count == 1
            ? "\(highest.label): \(format.string(highest.value))."
            : "Highest \(highest.label): \(format.string(highest.value)); lowest \(lowest.label): \(format.string(lowest.value))."
        return lead + "\(count). " + extremes + " The table with the chart lists every value."
    }
}
