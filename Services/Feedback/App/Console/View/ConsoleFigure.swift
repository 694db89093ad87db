/// Where a chart goes. Until the shared chart module is merged a figure is its data table (which
/// every chart keeps beside it anyway) with its text alternative as the caption's summary; the
/// chart itself is added here, in one place.
enum ConsoleFigure {
    static func render(_ table: ConsoleTable, summary: String) -> String {
        """
        <figure>
        \(table.html)
        <figcaption>\(HTML.escape(summary))</figcaption>
        </figure>
        """
    }
}
