import Domain
import Foundation
import HTTP
import Postgres
import Queue
import ServiceKit

/// The agency API: `GET /v1/taskings`, `GET /v1/taskings/{id}`, `POST /v1/taskings/{id}/accept`,
/// `POST /v1/taskings/{id}/outcome`, `POST /v1/taskings/{id}/close`, `POST /v1/taskings/{id}/transfer`,
/// `POST /v1/taskings/{id}/hold`, `GET /v1/transfers`, `GET /v1/notes`,
/// `POST /v1/taskings/{id}/outcomes/{outcome_id}/note/approve|refuse`, `GET /v1/networks/{id}`, `POST /v1/networks/{id}/lead`.
/// Every route needs an officer's key with the `agency:tasking` scope and sees only the officer's
/// agency's taskings (and networks holding one of them): the queries filter by agency and
/// row-level security enforces it again. Each call writes one audit event naming the officer and
/// the purpose they state in `X-Purpose` (required except on the list).
struct AgencyAPI: Sendable {
    let pool: PostgresPool
    let queue: JobQueue
    static let maxOutcomeBytes = 64 * 1024

    func register(on router: Router, authenticator: APIKeyAuthenticator) {
        let v1 = router.group("/v1", middleware: [APIKeyMiddleware(authenticator: authenticator, scope: .agencyTasking)])
        v1.get("taskings") { request in try await list(request) }
        v1.get("taskings/{id}") { request in try await read(request) }
        v1.post("taskings/{id}/accept") { request in try await accept(request) }
        v1.post("taskings/{id}/outcome", maxBodyBytes: Self.maxOutcomeBytes) { request in try await recordOutcome(request) }
        v1.post("taskings/{id}/close", maxBodyBytes: Self.maxCloseBytes) { request in try await close(request) }
        v1.post("taskings/{id}/transfer", maxBodyBytes: Self.maxTransferBytes) { request in try await transfer(request) }
        v1.get("transfers") { request in try await transfers(request) }
        v1.post("taskings/{id}/hold", maxBodyBytes: Self.maxHoldBytes) { request in try await hold(request) }
        v1.get("notes") { request in try await heldNotes(request) }
        v1.post("taskings/{id}/outcomes/{outcome_id}/note/approve") { request in try await decideNote(request, approve: true) }
        v1.post("taskings/{id}/outcomes/{outcome_id}/note/refuse") { request in try await decideNote(request, approve: false) }
        v1.get("networks/{id}") { request in try await network(request) }
        v1.post("networks/{id}/lead", maxBodyBytes: Self.maxLeadBytes) { request in try await designateLead(request) }
    }

    func accept(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        let id = try request.taskingID()
        let accepted = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            guard let current = try await connection.query(TaskingQueries.lockForAgency.binding(id, officer.agency)).single else {
                throw HTTPError(.notFound, detail: "no such tasking for this agency")
            }
            let status = try current.decode(String.self, "status")
            guard status == "new" else { throw HTTPError(.conflict, detail: "the tasking is already \(status)") }
            try await connection.query(TaskingQueries.accept.binding(id, officer.agency))
            guard let row = try await connection.query(TaskingQueries.summaryForAgency.binding(id, officer.agency)).single else {
                throw HTTPError(.notFound, detail: "no such tasking for this agency")
            }
            try await AuditLog.append(officer.event(
                "tasking.accepted", subjectID: id.uuidString.lowercased(), traceID: try current.decode(String.self, "trace_id"),
                purpose: purpose), on: connection)
            return try TaskingSummary(row: row)
        }
        return try Response.json(accepted)
    }

    /// A Domain validator's verdict on a body: the value, or a 422 naming every field.
    static func validated<T>(_ json: JSONValue, _ validate: (JSONValue) -> Result<T, ValidationFailure>, what: String) throws -> T {
        switch validate(json) {
        case .success(let value): return value
        case .failure(let failure):
            throw HTTPError(.unprocessableContent, detail: "\(what) is not valid",
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
    }
}
