import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

/// `GET /v1/reports/benefits`: the oversight benefits report (needs the `oversight` scope), as
/// JSON or CSV (`format=csv`, the same figures), for a period (`from`, `to`) and one section
/// (`by`) or all. A bad, repeated or unknown parameter is a 400 naming it. The JSON adds the
/// disruption-request figures of the period (`requests`, see `RequestFigures`).
struct BenefitsAPI: Sendable {
    let pool: PostgresPool

    func register(on router: Router, authenticator: APIKeyAuthenticator) {
        let reports = router.group("/v1/reports", middleware: [APIKeyMiddleware(authenticator: authenticator, scope: .oversight)])
        reports.get("benefits") { request in try await benefits(request) }
    }

    func benefits(_ request: Request) async throws -> Response {
        let query = try Self.query(request)
        let report = try await BenefitsReport.load(query, pool: pool, generatedAt: Date())
        switch query.format {
        case .json: return try Response.json(report)
        case .csv:
            var headers = HTTPHeaders()
            headers["Content-Type"] = "text/csv; charset=utf-8"
            return Response(headers: headers, body: Array(report.csv.utf8))
        }
    }

    private static func query(_ request: Request) throws -> BenefitsQuery {
        switch BenefitsQuery.parse(request.query.items.map { (name: $0.name, value: $0.value) }) {
        case .success(let query):
            return query
        case .failure(let failure):
            throw HTTPError(.badRequest, detail: "bad parameter(s): \(failure.errors.map(\.path.description).joined(separator: ", "))",
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
    }
}
