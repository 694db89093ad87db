import ConsoleKit
import Domain
import ServiceKit

/// The highlight report: a period's headline figures against target, the RAG statuses that
/// changed since the previous period with the figures and rule behind each change, and the
/// teams and sectors with overdue items. Printable to A4 (the stylesheet's print rules) and
/// downloadable as CSV, table by table (`/console/highlights.csv?table=…`).
struct HighlightsPage: Sendable {
    static let tableNames = ["headline", "rag_changes", "overdue"]

    let report: BenefitsReport
    let overview: Overview
    let rules: [String: RAGRule]
    let targets: [String: String]
    let floor: SuppressionFloor?

    private func count(_ value: Int) -> String {
        floor?.display(value) ?? String(value)
    }

    /// The report's tables by name, in `tableNames` order.
    func tables() -> [(name: String, table: ConsoleTable)] {
        [("headline", headline()), ("rag_changes", ragChanges()), ("overdue", overdue())]
    }

    private func headline() -> ConsoleTable {
        var table = ConsoleTable(caption: "Headline figures", columns: ["Figure", "Value", "Target"])
        guard let total = report.total else { return table }
        let counts: [(String, String, Int)] = [("Referrals received", "received", total.received), ("Tasked", "tasked", total.tasked),
                                               ("Led to an outcome", "with_outcome", total.withOutcome), ("Judicial outcomes", "judicial", total.judicial),
                                               ("Disruptions", "disruptions", total.disruptions)]
        table.rows = counts.map { [.text($0.0), .text(count($0.2)), .text(targets[$0.1] ?? "no target set")] }
        let moneyShown = floor.map { $0.allows(total.withOutcome) } ?? true
        table.rows.append([.text("Money protected (GBP)"), .text(moneyShown ? total.money["money_protected_gbp"] ?? "0.00" : "suppressed"),
                           .text(targets["money_protected_gbp"] ?? "no target set")])
        return table
    }

    private func ragChanges() -> ConsoleTable {
        var table = ConsoleTable(caption: "RAG changes since the previous period", columns: ["Team or sector", "Measure", "Was", "Now", "Reason"])
        for row in overview.teams + overview.sectors {
            for measure in RAGRule.measures {
                guard let rule = rules[measure] else { continue }
                if let floor, !floor.allows(row.current.base(measure)) || !floor.allows(row.previous.base(measure)) { continue }
                let (now, was) = (rule.status(of: row.current.value(measure)), rule.status(of: row.previous.value(measure)))
                guard now != was else { continue }
                let figures = "\(Self.shown(row.current.value(measure))) (was \(Self.shown(row.previous.value(measure)))). \(rule.text)"
                table.rows.append([.text(row.key), .text(measure), .text(was?.label ?? "Not rated"), .text(now?.label ?? "Not rated"), .text(figures)])
            }
        }
        return table
    }

    private func overdue() -> ConsoleTable {
        var table = ConsoleTable(caption: "Overdue items at the period's end", columns: ["Team or sector", "Overdue taskings", "Overdue requests and RFIs"])
        table.rows = (overview.teams + overview.sectors)
            .filter { $0.current.overdueTaskings + $0.current.overdueRequests > 0 }
            .map { [.text($0.key), .text(count($0.current.overdueTaskings)), .text(count($0.current.overdueRequests))] }
        return table
    }

    static func shown(_ value: Double?) -> String {
        value.map(RAGRule.number) ?? "none"
    }

    func render(visitor: ConsoleVisitor, period: ConsolePeriod) -> String {
        let query = "from=\(period.fromText)&amp;to=\(period.toText)"
        let sections = tables().map { name, table in
            let body = table.rows.isEmpty ? "<p>None.</p>" : table.html
            return "<h2>\(HTML.escape(table.caption))</h2>\n\(body)\n"
                + "<p class=\"downloads\"><a href=\"/console/highlights.csv?table=\(name)&amp;\(query)\">Download \(HTML.escape(table.caption)) as CSV</a></p>"
        }
        return ConsoleLayout.page(title: "Highlight report", visitor: visitor, body: """
            \(ConsoleLayout.periodForm(action: "/console/highlights", period: ConsolePeriodView(from: period.fromText, to: period.toText)))
            <p>Period \(period.fromText) to \(period.toText) (exclusive), against \(period.previous.fromText) to \(period.previous.toText). \
            Print this page for an A4 copy.</p>
            \(sections.joined(separator: "\n"))
            """)
    }
}
