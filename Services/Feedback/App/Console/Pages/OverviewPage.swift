import ConsoleKit
import Domain
import ServiceKit

/// The overview: per agency team and per sector, the period's volume, the backlog, SLA
/// compliance and overdue taskings and requests, each rated against its rule with the trend
/// against the previous period. For oversight, counts below the floor are suppressed, and so is
/// anything derived from them.
struct OverviewPage: Sendable {
    let overview: Overview
    let rules: [String: RAGRule]
    /// The oversight floor; nil for roles that see every figure.
    let floor: SuppressionFloor?

    /// The volume, then one column per RAG measure in `RAGRule.measures` order.
    static let columns = ["Taskings created", "SLA compliance", "Backlog", "Overdue taskings", "Overdue requests and RFIs"]

    func tables() -> [ConsoleTable] {
        [table("Agency teams", "Team", overview.teams), table("Sectors (of the referring partner)", "Sector", overview.sectors)]
    }

    private func table(_ caption: String, _ header: String, _ rows: [Overview.Row]) -> ConsoleTable {
        var table = ConsoleTable(caption: caption, columns: [header] + Self.columns)
        for row in rows {
            table.rows.append([.text(row.key), volume(row)] + RAGRule.measures.map { cell($0, row) })
        }
        return table
    }

    private func volume(_ row: Overview.Row) -> ConsoleTable.Cell {
        let (now, before) = (row.current.volume, row.previous.volume)
        guard let floor else { return .text("\(now) (\(Trend(current: Double(now), previous: Double(before)).text))") }
        let trend = floor.allows(now) && floor.allows(before) ? Trend(current: Double(now), previous: Double(before)).text : "no comparison"
        return .text("\(floor.display(now)) (\(trend))")
    }

    private func cell(_ measure: String, _ row: Overview.Row) -> ConsoleTable.Cell {
        let rule = rules[measure]
        if let floor, !floor.allows(row.current.base(measure)) {
            let shown = measure == "sla_compliance_pct" ? "suppressed (\(floor.display(row.current.due)) due)" : floor.display(row.current.base(measure))
            return .html(HTML.escape(shown) + " " + RAGBadge.render(nil, rule: rule))
        }
        let value = row.current.value(measure)
        let shown = measure == "sla_compliance_pct" ? value.map { "\(RAGRule.number($0))%" } ?? "none due" : value.map(RAGRule.number) ?? "–"
        let comparable = floor.map { $0.allows(row.previous.base(measure)) } ?? true
        let trend = comparable ? Trend(current: value, previous: row.previous.value(measure)).text : "no comparison"
        return .html("\(HTML.escape(shown)) \(RAGBadge.render(rule?.status(of: value), rule: rule)) <span class=\"note\">(\(HTML.escape(trend)))</span>")
    }

    func render(visitor: ConsoleVisitor, period: ConsolePeriod) -> String {
        let note = floor.map { "<p class=\"note\">Counts below \($0.value) are shown as “&lt;\($0.value)”, with what is derived from them.</p>" } ?? ""
        return ConsoleLayout.page(title: "Overview", visitor: visitor, body: """
            \(ConsoleLayout.periodForm(action: "/console/overview", period: ConsolePeriodView(from: period.fromText, to: period.toText)))
            <p>Period \(period.fromText) to \(period.toText) (exclusive); trends compare with \(period.previous.fromText) to \(period.previous.toText). \
            Backlog and overdue items are counted at the period's end (or now).</p>
            \(note)
            \(tables().map(\.html).joined(separator: "\n"))
            """)
    }
}
