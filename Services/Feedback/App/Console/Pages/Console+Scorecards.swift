import Domain
import HTTP
import ServiceKit

extension Console {
    /// `GET /console/scorecards?from=&to=`: a partner's own card, or every partner's for officers
    /// and oversight (the latter above the floor only).
    func scorecards(_ request: Request) async throws -> Response {
        try await page(request, for: [.officer, .oversight, .partner]) { visitor in
            let period = try Self.period(request)
            let own = visitor.role == .partner ? visitor.session.partnerID : nil
            let cards = try await pool.query(ScorecardQueries.scorecards.binding(period.from, period.to, own)).map(Scorecard.init(row:))
            let floor = visitor.role == .oversight ? try await rules.floor() : nil
            return ConsoleResponse.html(ScorecardPage(cards: cards, floor: floor).render(visitor: visitor, period: period))
        }
    }
}
