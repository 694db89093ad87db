import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

extension AgencyAPI {
    /// `GET /v1/taskings`: one page of the agency's work list, without the referrals' content, in
    /// (priority, SLA deadline, id) order, with `next_cursor` for the next page (null after the
    /// last). Consulting the list is recorded too (one `tasking.listed` event per page), with the
    /// purpose if stated. Any bad or unknown parameter is a 400 naming it.
    func list(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.optionalPurpose()
        let query = try Self.listQuery(request)
        if let team = query.team, team.rawValue != officer.agency {
            throw HTTPError(.forbidden, detail: "officers list only their own agency's taskings (\(officer.agency))",
                            errors: [Problem.FieldError(field: "team", message: "not the officer's agency")])
        }
        let page = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            let rows = try await connection.query(TaskingQueries.listForAgency.binding(
                officer.agency, query.status, query.priority?.rawValue, query.after?.priority.rawValue,
                query.after?.deadlineMicroseconds, query.after.flatMap { UUID(uuidString: $0.id) }, query.limit + 1,
                query.sla))
            let more = rows.count > query.limit
            let kept = Array(rows.prefix(query.limit))
            let taskings = try kept.map(TaskingSummary.init(row:))
            let next = try more ? kept.last.map(Self.cursor(after:)) : nil
            try await AuditLog.append(officer.event(
                "tasking.listed", subjectType: "agency", subjectID: officer.agency, purpose: purpose,
                detail: ["count": String(taskings.count)]), on: connection)
            return TaskingPage(taskings: taskings, nextCursor: next?.description)
        }
        return try Response.json(page)
    }

    private static func listQuery(_ request: Request) throws -> TaskingListQuery {
        switch TaskingListQuery.parse(request.query.items.map { (name: $0.name, value: $0.value) }) {
        case .success(let query):
            return query
        case .failure(let failure):
            throw HTTPError(.badRequest, detail: "bad parameter(s): \(failure.errors.map(\.path.description).joined(separator: ", "))",
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
    }

    private static func cursor(after row: PostgresRow) throws -> TaskingCursor {
        let text = try row.decode(String.self, "priority")
        // The table's check allows only P1–P4.
        guard let priority = Priority(rawValue: text) else { throw HTTPError(.internalServerError, detail: "a tasking has priority \(text)") }
        return TaskingCursor(priority: priority, deadlineMicroseconds: try row.decode(Int64.self, "deadline_us"), id: try row.decode(UUID.self, "id"))
    }
}
