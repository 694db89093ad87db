/// The drawing area every chart shares: a fixed view box (the page's stylesheet scales the SVG),
/// margins for the axes, and the helpers that write SVG numbers and labels the same way each time.
struct ChartCanvas {
    static let width = 640.0
    static let height = 320.0
    /// The plot area inside the margins: room for tick labels on the left and category labels below.
    static let plotLeft = 72.0
    static let plotRight = 624.0
    static let plotTop = 28.0
    static let plotBottom = 268.0

    static var plotWidth: Double { plotRight - plotLeft }
    static var plotHeight: Double { plotBottom - plotTop }

    /// Colour-blind-safe (Okabe–Ito) fills as presentation attributes, which a stylesheet may
    /// override through the `series-N` classes; CSP forbids inline `style`, not these.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    static func colour(_ series: Int) -> String { palette[series % palette.count] }

    /// A coordinate with at most one decimal, locale-free and never "-0".
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// `label` cut to `limit` characters with an ellipsis; the full text stays in the table and in
    /// the label's own `<title>`.
    static func shortened(_ label: String, limit: Int) -> String {
        let limit = max(limit, 2)
        return label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }

    /// A text label; when shortened it carries the full text as a tooltip.
    static func text(_ label: String, limit: Int, _ attributes: [(String, String)]) -> HTML {
        let short = shortened(label, limit: limit)
        guard short != label else { return .element("text", attributes, text: label) }
        return .element("text", attributes, [.element("title", text: label), HTML(text: short)])
    }

    /// An id usable in `id` and `aria-labelledby`: letters, digits, `-` and `_` only.
    static func identifier(_ id: String) -> String {
        let kept = String(id.unicodeScalars.filter { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
        }.map(Character.init))
        return kept.isEmpty ? "chart" : kept
    }
}
