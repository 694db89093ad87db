import Domain
import Foundation
import HTTP
import ServiceKit

extension Console {
    /// `GET /console/benefits?from=&to=`: the benefits report of the period against its targets.
    func benefits(_ request: Request) async throws -> Response {
        try await page(request, for: [.officer, .oversight]) { visitor in
            let period = try Self.period(request)
            let report = try await BenefitsReport.load(BenefitsQuery(from: period.from, to: period.to), pool: pool, generatedAt: Date())
            let targets = try await pool.query(BenefitTargetQueries.forPeriod.binding(period.fromText, period.toText))
                .reduce(into: [String: String]()) { $0[try $1.decode(String.self, "measure")] = try $1.decode(String.self, "target") }
            let floor = visitor.role == .oversight ? try await rules.floor() : nil
            return ConsoleResponse.html(BenefitsPage(report: report, targets: targets, floor: floor).render(visitor: visitor, period: period))
        }
    }
}
