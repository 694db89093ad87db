/// Axes with tick labels: the value axis (vertical for bars and lines, horizontal for the funnel)
/// and the category labels under a plot.
enum ChartAxis {
    /// Where `value` sits vertically in the plot.
    static func y(_ value: Double, _ scale: ChartScale) -> Double {
        ChartCanvas.plotBottom - scale.fraction(value) * ChartCanvas.plotHeight
    }

    /// Where `value` sits horizontally in the plot.
    static func x(_ value: Double, _ scale: ChartScale) -> Double {
        ChartCanvas.plotLeft + scale.fraction(value) * ChartCanvas.plotWidth
    }

    /// Grid lines and labels for every tick on the left, and the zero line drawn darker.
    static func vertical(_ scale: ChartScale, format: ChartValueFormat) -> HTML {
        let n = ChartCanvas.number
        let ticks = scale.ticks.map { tick -> HTML in
            let y = n(y(tick, scale))
            return .element("g", [("class", "tick")], [
                .element("line", [("class", "grid"), ("x1", n(ChartCanvas.plotLeft)), ("x2", n(ChartCanvas.plotRight)),
                                  ("y1", y), ("y2", y), ("stroke", "#d0d0d0")]),
                .element("text", [("class", "tick-label"), ("x", n(ChartCanvas.plotLeft - 6)), ("y", y),
                                  ("text-anchor", "end"), ("dominant-baseline", "middle"), ("font-size", "11")],
                         text: format.tick(tick, step: scale.step)),
            ])
        }
        let zero = n(y(0, scale))
        return .element("g", [("class", "axis axis-value")], ticks + [
            .element("line", [("class", "axis-line"), ("x1", n(ChartCanvas.plotLeft)), ("x2", n(ChartCanvas.plotLeft)),
                              ("y1", n(ChartCanvas.plotTop)), ("y2", n(ChartCanvas.plotBottom)), ("stroke", "#333333")]),
            .element("line", [("class", "axis-zero"), ("x1", n(ChartCanvas.plotLeft)), ("x2", n(ChartCanvas.plotRight)),
                              ("y1", zero), ("y2", zero), ("stroke", "#333333")]),
        ])
    }

    /// Grid lines and labels for every tick along the bottom.
    static func horizontal(_ scale: ChartScale, format: ChartValueFormat) -> HTML {
        let n = ChartCanvas.number
        let ticks = scale.ticks.map { tick -> HTML in
            let x = n(x(tick, scale))
            return .element("g", [("class", "tick")], [
                .element("line", [("class", "grid"), ("x1", x), ("x2", x), ("y1", n(ChartCanvas.plotTop)),
                                  ("y2", n(ChartCanvas.plotBottom)), ("stroke", "#d0d0d0")]),
                .element("text", [("class", "tick-label"), ("x", x), ("y", n(ChartCanvas.plotBottom + 16)),
                                  ("text-anchor", "middle"), ("font-size", "11")],
                         text: format.tick(tick, step: scale.step)),
            ])
        }
        return .element("g", [("class", "axis axis-value")], ticks + [
            .element("line", [("class", "axis-line"), ("x1", n(ChartCanvas.plotLeft)), ("x2", n(ChartCanvas.plotRight)),
                              ("y1", n(ChartCanvas.plotBottom)), ("y2", n(ChartCanvas.plotBottom)), ("stroke", "#333333")]),
        ])
    }

    /// Category labels centred under their bands; with many categories only every k-th is drawn
    /// (at most 12) so they never overlap — the table names them all.
    static func categories(_ labels: [String]) -> HTML {
        guard !labels.isEmpty else { return HTML([]) }
        let band = ChartCanvas.plotWidth / Double(labels.count)
        let every = (labels.count + 11) / 12
        let limit = max(Int(band * Double(every) / 7), 3)
        let drawn = labels.indices.filter { $0 % every == 0 }.map { index in
            ChartCanvas.text(labels[index], limit: limit, [
                ("class", "category-label"), ("x", ChartCanvas.number(ChartCanvas.plotLeft + band * (Double(index) + 0.5))),
                ("y", ChartCanvas.number(ChartCanvas.plotBottom + 18)), ("text-anchor", "middle"), ("font-size", "11"),
            ])
        }
        return .element("g", [("class", "axis axis-category")], drawn)
    }

    /// A legend along the top, one swatch per series; drawn only when there is more than one.
    static func legend(_ names: [String]) -> HTML {
        guard names.count > 1 else { return HTML([]) }
        let slot = ChartCanvas.plotWidth / Double(names.count)
        let limit = max(Int(slot / 7) - 3, 3)
        let items = names.enumerated().map { index, name -> HTML in
            let x = ChartCanvas.plotLeft + slot * Double(index)
            return .element("g", [("class", "legend-item series-\(index)")], [
                .element("rect", [("x", ChartCanvas.number(x)), ("y", "6"), ("width", "10"), ("height", "10"),
                                  ("fill", ChartCanvas.colour(index))]),
                ChartCanvas.text(name, limit: limit, [("x", ChartCanvas.number(x + 14)), ("y", "15"), ("font-size", "11")]),
            ])
        }
        return .element("g", [("class", "legend")], items)
    }
}
