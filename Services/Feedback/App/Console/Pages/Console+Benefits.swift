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
            let targets = try await BenefitTargetRegistry(pool: pool).targets(for: period)
            let floor = visitor.role == .oversight ? try await rules.floor() : nil
            return ConsoleResponse.html(BenefitsPage(report: report, targets: targets, floor: floor).render(visitor: visitor, period: period))
        }
    }
}
