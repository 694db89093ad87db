import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

extension AgencyAPI {
    static let maxTransferBytes = 4 * 1024

    /// What a transfer answers, and what `GET /v1/transfers` lists.
    struct TransferView: Encodable, Sendable {
        let transferID: Int64
        let taskingID: String
        let fromTeam: String
        let toTeam: String
        let reason: String
        let transferredBy: String
        let transferredAt: Date

        init(row: PostgresRow) throws {
            transferID = try row.decode(Int64.self, "id")
            taskingID = try row.decode(UUID.self, "tasking_id").uuidString.lowercased()
            fromTeam = try row.decode(String.self, "from_agency")
            toTeam = try row.decode(String.self, "to_agency")
            reason = try row.decode(String.self, "reason")
            transferredBy = try row.decode(String.self, "transferred_by")
            transferredAt = try row.decode(Date.self, "transferred_at")
        }

        private enum CodingKeys: String, CodingKey {
            case reason
            case transferID = "transfer_id"
            case taskingID = "tasking_id"
            case fromTeam = "from_team"
            case toTeam = "to_team"
            case transferredBy = "transferred_by"
            case transferredAt = "transferred_at"
        }
    }

    /// `POST /v1/taskings/{id}/transfer` with `{"to_team", "reason"}`: hands the agency's tasking
    /// to another team, which starts it as new (same deadline, the SLA does not restart). One
    /// `tasking.transferred` event names both ends; both agencies list the transfer
    /// (`GET /v1/transfers`). 422 for a bad body, an unknown team, the caller's own team or one the
    /// referral's gateway does not permit; 409 when closed or the team already holds the referral.
    func transfer(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        let id = try request.taskingID()
        let transfer = try Self.validated(try await request.jsonValue(upTo: Self.maxTransferBytes), TaskingTransfer.validate,
                                                what: "the transfer")
        let view = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            let row = try await connection.query(TransferQueries.transfer.binding(
                id, transfer.toTeam.rawValue, transfer.reason, officer.actor)).single
            let outcome = try row?.decode(String.self, "outcome") ?? "not_found"
            try Self.refuse(outcome, team: transfer.toTeam.rawValue)
            guard let row, let transferID = try row.decode(Int64?.self, "transfer_id") else {
                throw HTTPError(.internalServerError, detail: "the transfer recorded no id")
            }
            try await AuditLog.append(officer.event(
                "tasking.transferred", subjectID: id.uuidString.lowercased(), traceID: try row.decode(String?.self, "trace_id"),
                purpose: purpose,
                detail: ["from_agency": officer.agency, "to_agency": transfer.toTeam.rawValue, "transfer_id": String(transferID),
                         "status_before": try row.decode(String.self, "status_before")]), on: connection)
            guard let stored = try await connection.query(TransferQueries.byID.binding(transferID)).single else {
                throw HTTPError(.internalServerError, detail: "the transfer is not readable")
            }
            return try TransferView(row: stored)
        }
        return try Response.json(view)
    }

    /// `GET /v1/transfers`: transfers into and out of the officer's agency, newest first, paged
    /// by `cursor`; one `tasking.transfers_listed` event per page.
    func transfers(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.optionalPurpose()
        let query: TransferListQuery
        switch TransferListQuery.parse(request.query.items.map { (name: $0.name, value: $0.value) }) {
        case .success(let parsed): query = parsed
        case .failure(let failure):
            throw HTTPError(.badRequest, detail: "bad parameter(s): \(failure.errors.map(\.path.description).joined(separator: ", "))",
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
        let page = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            let rows = try await connection.query(TransferQueries.list.binding(officer.agency, query.before, query.limit + 1))
            let views = try rows.prefix(query.limit).map(TransferView.init(row:))
            try await AuditLog.append(officer.event(
                "tasking.transfers_listed", subjectType: "agency", subjectID: officer.agency, purpose: purpose,
                detail: ["count": String(views.count)]), on: connection)
            return TransferPage(transfers: views, nextCursor: rows.count > query.limit ? views.last.map { TransferListQuery.cursor(after: $0.transferID) } : nil)
        }
        return try Response.json(page)
    }

    struct TransferPage: Encodable, Sendable {
        let transfers: [TransferView]
        let nextCursor: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(transfers, forKey: .transfers)
            try container.encode(nextCursor, forKey: .nextCursor)
        }

        private enum CodingKeys: String, CodingKey {
            case transfers
            case nextCursor = "next_cursor"
        }
    }

    private static func refuse(_ outcome: String, team: String) throws {
        let field = { (message: String) in [Problem.FieldError(field: "to_team", message: message)] }
        switch outcome {
        case "transferred": return
        case "not_found": throw HTTPError(.notFound, detail: "no such tasking for this agency")
        case "closed": throw HTTPError(.conflict, detail: "the tasking is closed; a closed tasking is not transferred")
        case "already_tasked": throw HTTPError(.conflict, detail: "\(team) already holds a tasking on this referral")
        case "same_agency":
            throw HTTPError(.unprocessableContent, detail: "the transfer is not valid", errors: field("is the officer's own team"))
        case "unknown_agency":
            throw HTTPError(.unprocessableContent, detail: "the transfer is not valid", errors: field("no agency has the code \(team)"))
        case "gateway_refuses":
            throw HTTPError(.unprocessableContent, detail: "the transfer is not valid",
                            errors: field("the referral's lawful gateway does not permit tasking \(team)"))
        default: throw HTTPError(.internalServerError, detail: "the transfer answered \(outcome)")
        }
    }
}
