/// What every chart is wrapped in: a `<figure>` with a caption, the SVG as one image with a title
/// and a description (its text alternative), and a table of the same numbers beside it.
struct ChartFigure {
    let id: String
    let kind: String
    let title: String
    let description: String
    let drawing: [HTML]
    let table: HTML

    func render() -> HTML {
        let id = ChartCanvas.identifier(id)
        let svg = HTML.element("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("class", "chart-svg"),
            ("viewBox", "0 0 \(ChartCanvas.number(ChartCanvas.width)) \(ChartCanvas.number(ChartCanvas.height))"),
            ("role", "img"),
            ("aria-labelledby", "\(id)-title \(id)-desc"),
            ("focusable", "false"),
        ], [
            .element("title", [("id", "\(id)-title")], text: title),
            .element("desc", [("id", "\(id)-desc")], text: description),
        ] + drawing)
        return .element("figure", [("class", "chart chart-\(kind)"), ("id", id)], [
            .element("figcaption", text: title), svg, table,
        ])
    }

    /// A data table: a header row (`scope="col"`), then one row per category headed by its name
    /// (`scope="row"`); "No data" across the table when there are no rows.
    static func table(caption: String, headers: [String], rows: [(String, [String])]) -> HTML {
        let head = HTML.element("thead", [
            .element("tr", headers.map { HTML.element("th", [("scope", "col")], text: $0) }),
        ])
        let body: [HTML] = rows.isEmpty
            ? [.element("tr", [.element("td", [("colspan", "\(max(headers.count, 1))")], text: "No data")])]
            : rows.map { name, cells in
                .element("tr", [HTML.element("th", [("scope", "row")], text: name)]
                    + cells.map { HTML.element("td", text: $0) })
            }
        return .element("table", [("class", "chart-data")], [
            .element("caption", text: caption), head, .element("tbody", body),
        ])
    }

    /// The drawing of a chart with nothing to show.
    static var noData: HTML {
        .element("text", [
            ("class", "no-data"), ("x", ChartCanvas.number(ChartCanvas.width / 2)),
            ("y", ChartCanvas.number(ChartCanvas.height / 2)), ("text-anchor", "middle"),
        ], text: "No data")
    }
}
