import Domain
import Foundation
import HTTP
import ServiceKit

extension Console {
    /// `GET /console/highlights?from=&to=`: the highlight report (officers and oversight).
    func highlights(_ request: Request) async throws -> Response {
        try await page(request, for: [.officer, .oversight]) { visitor in
            let period = try Self.period(request)
            return ConsoleResponse.html(try await highlightsPage(period, visitor: visitor).render(visitor: visitor, period: period))
        }
    }

    /// `GET /console/highlights.csv?table=&from=&to=`: one table of the report as CSV.
    func highlightsCSV(_ request: Request) async throws -> Response {
        try await page(request, for: [.officer, .oversight]) { visitor in
            let values = request.query.values("table")
            guard values.count == 1, let name = values.first, HighlightsPage.tableNames.contains(name) else {
                throw HTTPError(.badRequest, detail: "table must be given once, one of \(HighlightsPage.tableNames.joined(separator: ", "))")
            }
            let period = try Self.period(request, also: ["table"])
            let page = try await highlightsPage(period, visitor: visitor)
            guard let table = page.tables().first(where: { $0.name == name })?.table else {
                throw HTTPError(.internalServerError, detail: "the highlight report has no table \(name)")
            }
            return ConsoleResponse.csv(table.csv, filename: "highlights-\(name)-\(period.fromText)-\(period.toText).csv")
        }
    }

    private func highlightsPage(_ period: ConsolePeriod, visitor: ConsoleVisitor) async throws -> HighlightsPage {
        let now = Date()
        let report = try await BenefitsReport.load(BenefitsQuery(from: period.from, to: period.to), pool: pool, generatedAt: now)
        let overview = try await Overview.load(period, now: now, pool: pool)
        return HighlightsPage(
            report: report, overview: overview, rules: try await rules.rules(),
            targets: try await BenefitTargetRegistry(pool: pool).targets(for: period),
            floor: visitor.role == .oversight ? try await rules.floor() : nil)
    }
}
