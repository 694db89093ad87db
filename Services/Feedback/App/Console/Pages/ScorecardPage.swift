import Domain
import ServiceKit

/// Partner referral quality scorecards: each partner's referrals of the period, the share
/// tasked, the share that led to an outcome, the share corroborated by another partner, and
/// the median time to the first agency's acceptance. A partner sees its own card only.
struct ScorecardPage: Sendable {
    let cards: [Scorecard]
    let floor: SuppressionFloor?

    static let columns = ["Partner", "Sector", "Referrals received", "Tasked", "Led to an outcome", "Corroborated", "Median time to action"]

    func table() -> ConsoleTable {
        var table = ConsoleTable(caption: "Referral quality by partner", columns: Self.columns)
        table.rows = cards.map { card in
            let shown = floor.map { $0.allows(card.received) } ?? true
            let received = floor?.display(card.received) ?? String(card.received)
            func share(_ count: Int) -> String {
                guard shown else { return "suppressed" }
                guard card.received > 0 else { return "–" }
                return "\(count) (\(RAGRule.number((Double(count) * 1000 / Double(card.received)).rounded() / 10))%)"
            }
            let median = shown ? card.medianSecondsToAction.map(Self.duration) ?? "none accepted" : "suppressed"
            return [.text(card.name), .text(card.sector), .text(received), .text(share(card.tasked)), .text(share(card.withOutcome)),
                    .text(share(card.corroborated)), .text(median)]
        }
        return table
    }

    /// "3 h 20 min", "45 min", "2 d 4 h".
    static func duration(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 48 * 60 { return "\(minutes / 60) h \(minutes % 60) min" }
        return "\(minutes / 1440) d \(minutes % 1440 / 60) h"
    }

    func render(visitor: ConsoleVisitor, period: ConsolePeriod) -> String {
        let note = floor.map { "<p class=\"note\">Partners with fewer than \($0.value) referrals in the period show no further figures.</p>" } ?? ""
        return ConsoleLayout.page(title: "Referral quality scorecards", visitor: visitor, body: """
            \(ConsoleLayout.periodForm(action: "/console/scorecards", period: ConsolePeriodView(from: period.fromText, to: period.toText)))
            <p>Referrals received from \(period.fromText) to \(period.toText) (exclusive). Time to action runs from receipt to the \
            first agency's acceptance; a referral is corroborated when another partner's referral shares an indicator with it.</p>
            \(note)
            \(table().html)
            """)
    }
}
