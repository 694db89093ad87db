import Foundation
import HTTP
import Postgres
import ServiceKit

/// `GET /v1/reports/benefits`: the oversight benefits report as JSON (needs the `oversight` scope).
struct BenefitsAPI: Sendable {
    let pool: PostgresPool

    func register(on router: Router, authenticator: APIKeyAuthenticator) {
        let reports = router.group("/v1/reports", middleware: [APIKeyMiddleware(authenticator: authenticator, scope: .oversight)])
        reports.get("benefits") { _ in try await benefits() }
    }

    func benefits() async throws -> Response {
        let rows = try await pool.transaction(isolation: .repeatableRead) { connection in
            let byReferral = try await connection.query(BenefitsQueries.byReferral)
            let byAgency = try await connection.query(BenefitsQueries.byAgency)
            return Array(byReferral) + Array(byAgency)
        }
        return try Response.json(BenefitsReport(rows: rows, generatedAt: Date()))
    }
}
