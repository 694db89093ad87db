import Domain
import ServiceKit

/// Benefits realisation: the figures of `GET /v1/reports/benefits` for the same period (the
/// page calls the same `BenefitsReport.load`), against the targets set for the period. For
/// oversight, counts below the floor are suppressed, and money when fewer outcomes than the
/// floor stand behind it.
struct BenefitsPage: Sendable {
    let report: BenefitsReport
    let targets: [String: String]
    let floor: SuppressionFloor?

    static let stages: [(String, String)] = [
        ("received", "Received"), ("tasked", "Tasked"), ("accepted", "Accepted"), ("with_outcome", "Outcome"), ("judicial", "Judicial"),
    ]

    private func count(_ value: Int) -> String {
        floor?.display(value) ?? String(value)
    }

    private func target(_ measure: String) -> String {
        targets[measure] ?? "no target set"
    }

    func tables() -> [ConsoleTable] {
        guard let total = report.total else { return [] }
        let stageValues = [total.received, total.tasked, total.accepted, total.withOutcome, total.judicial]
        var funnel = ConsoleTable(caption: "Funnel: referrals received in the period and how far they went", columns: ["Stage", "Referrals", "Target"])
        funnel.rows = zip(Self.stages, stageValues).map { stage, value in [.text(stage.1), .text(count(value)), .text(target(stage.0))] }

        var money = ConsoleTable(caption: "Money (GBP)", columns: ["Figure", "Amount", "Target"])
        let moneyShown = floor.map { $0.allows(total.withOutcome) } ?? true
        money.rows = BenefitsLine.moneyFigures.map { name in
            [.text(Self.moneyLabel(name)), .text(moneyShown ? total.money[name] ?? "0.00" : "suppressed"), .text(target(name))]
        }

        var severity = ConsoleTable(caption: "Disruptions by assessed severity", columns: ["Severity", "Disruptions"])
        severity.rows = [[.text("All"), .text(count(total.disruptions))]]
            + BenefitsLine.severities.map { [.text($0), .text(count(total.disruptionsBySeverity[$0] ?? 0))] }
        var kinds = ConsoleTable(caption: "Disruption actions by kind", columns: ["Action", "Count"])
        kinds.rows = BenefitsLine.disruptionKinds.map { [.text($0), .text(count(total.disruptionsByKind[$0] ?? 0))] }
        var judicial = ConsoleTable(caption: "Judicial outcomes by Home Office outcome code", columns: ["Home Office code", "Outcomes"])
        judicial.rows = BenefitsLine.judicialCodes.map { [.text(String($0)), .text(count(total.judicialByCode[String($0)] ?? 0))] }
        return [funnel, money, severity, kinds, judicial]
    }

    static func moneyLabel(_ name: String) -> String {
        switch name {
        case "money_protected_gbp": "Protected"
        case "money_restrained_gbp": "Restrained"
        case "money_repatriated_gbp": "Repatriated"
        default: name
        }
    }

    /// Whether the role may see every count in `counts` (always, but for oversight under the floor).
    private func drawable(_ counts: [Int]) -> Bool {
        floor.map { floor in counts.allSatisfy(floor.allows) } ?? true
    }

    /// The charts the role may see every number of.
    func charts() -> [String] {
        guard let total = report.total else { return [] }
        var charts: [String] = []
        let stages = zip(Self.stages.map(\.1), [total.received, total.tasked, total.accepted, total.withOutcome, total.judicial]).map { ($0, $1) }
        if drawable(stages.map(\.1)) {
            charts.append(ConsoleFigure.funnel(id: "funnel", title: "From referral to judicial outcome", summary: funnelSummary(), stages: stages))
        }
        let severities = BenefitsLine.severities.map { ($0, total.disruptionsBySeverity[$0] ?? 0) }
        if drawable(severities.map(\.1)) {
            charts.append(ConsoleFigure.bars(id: "severity", title: "Disruptions by assessed severity",
                                             summary: "Disruptions recorded against the period's referrals, by assessed severity.",
                                             header: "Severity", categories: severities))
        }
        return charts
    }

    func render(visitor: ConsoleVisitor, period: ConsolePeriod) -> String {
        let tables = tables()
        let note = floor.map { "<p class=\"note\">Counts below \($0.value) are shown as “&lt;\($0.value)”; a chart is drawn only when none of its counts is.</p>" } ?? ""
        return ConsoleLayout.page(title: "Benefits realisation", visitor: visitor, body: """
            \(ConsoleLayout.periodForm(action: "/console/benefits", period: ConsolePeriodView(from: period.fromText, to: period.toText)))
            <p>Referrals received from \(period.fromText) to \(period.toText) (exclusive), followed wherever they went since: \
            the figures of <code>GET /v1/reports/benefits</code> for the same period.</p>
            \(note)
            \(charts().joined(separator: "\n"))
            <h2>Against target</h2>
            \(tables.isEmpty ? "<p>No figures.</p>" : tables.map(\.html).joined(separator: "\n"))
            """)
    }

    private func funnelSummary() -> String {
        guard let total = report.total else { return "" }
        return "Of \(count(total.received)) referrals received, \(count(total.tasked)) were tasked, \(count(total.accepted)) accepted, "
            + "\(count(total.withOutcome)) led to an outcome and \(count(total.judicial)) to a judicial outcome."
    }
}
