import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

/// Officers' side of requests to partners (docs/requests.md): `POST /v1/taskings/{id}/requests`
/// raises a disruption request on an indicator of the tasking, `POST /v1/taskings/{id}/rfis` asks
/// the referrer a question, `GET /v1/taskings/{id}/requests` shows both with their progress and
/// `GET /v1/overdue` lists the agency's open ones past their deadline. Officers' keys with
/// `agency:tasking`, on their own agency's taskings only; every call is audited.
struct OfficerRequestsAPI: Sendable {
    let pool: PostgresPool
    let screen: AgencyAPI
    static let maxBodyBytes = 16 * 1024

    func register(on router: Router, authenticator: APIKeyAuthenticator) {
        let v1 = router.group("/v1", middleware: [APIKeyMiddleware(authenticator: authenticator, scope: .agencyTasking)])
        v1.post("taskings/{id}/requests", maxBodyBytes: Self.maxBodyBytes) { request in try await raise(request) }
        v1.get("taskings/{id}/requests") { request in try await forTasking(request) }
        v1.post("taskings/{id}/rfis", maxBodyBytes: Self.maxBodyBytes) { request in try await ask(request) }
        v1.get("overdue") { request in try await overdue(request) }
    }

    /// Validates the request against the tasking's referral and the request kinds (422 naming
    /// fields), screens its note as partner notes are screened, addresses it through the
    /// disclosure decision point and stores it with its addressees and the audit event, in one
    /// transaction. 404 for a tasking not of the officer's agency, 409 for a closed one.
    func raise(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        let id = try request.taskingID()
        let json = try await request.jsonValue(upTo: Self.maxBodyBytes)
        let draft = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            let context = try await RaiseContext.load(tasking: id, agency: officer.agency, on: connection)
            return try Self.validated(json, context: context)
        }
        if let note = draft.note, let hits = try await screen.screenHits(note, tasking: id, officer: officer), !hits.isEmpty {
            try await screen.auditScreenRefusal(hits, tasking: id, outcomeID: nil, officer: officer, purpose: purpose)
            throw AgencyAPI.screenProblem(hits, field: "note")
        }
        // The screen runs its own transaction, so the tasking is locked and read again to store.
        let raised = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            let context = try await RaiseContext.load(tasking: id, agency: officer.agency, on: connection)
            return try await store(draft, context: context, officer: officer, purpose: purpose, on: connection)
        }
        return try Response.json(raised, status: .created)
    }

    private static func validated(_ json: JSONValue, context: RaiseContext) throws -> RequestDraft {
        switch RequestValidator.validate(
            json: json, kinds: context.kinds, indicators: context.referral.indicators, gateways: context.gateways, now: Date()) {
        case .success(let draft):
            return draft
        case .failure(let failure):
            throw HTTPError(.unprocessableContent, detail: "the request is not valid",
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
    }
}
