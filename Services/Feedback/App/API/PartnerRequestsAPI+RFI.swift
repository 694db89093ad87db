import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

extension PartnerRequestsAPI {
    /// `GET /v1/rfis?cursor=&limit=&status=`: the questions officers asked the caller about its
    /// own referrals, in id order.
    func rfis(_ request: Request) async throws -> Response {
        let (principal, partnerID) = try Self.partner(request)
        let query = try Self.listQuery(request, list: "rfis", statuses: ["open", "answered"])
        let page = try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            let rows = try await connection.query(PartnerRFIQueries.inbox.binding(partnerID, query.after?.ids[0] ?? 0, query.status, query.limit + 1))
            let kept = try rows.prefix(query.limit).map(PartnerRFI.init(row:))
            if !kept.isEmpty {
                try await AuditLog.append(AuditEvent(
                    actor: principal.auditActor, action: "rfis.pulled", subjectType: "partner", subjectID: String(partnerID),
                    detail: ["rfis": kept.map { String($0.id) }.joined(separator: ",")]), on: connection)
            }
            let next = rows.count > query.limit ? kept.last.map { RequestCursor(list: "rfis", ids: [$0.id]).description } : nil
            return Page(items: kept.map { $0.partnerView() }, nextCursor: next)
        }
        return try Response.json(page)
    }

    /// `POST /v1/rfis/{id}/answer` with `{"answer": …}`: records the answer once (the same answer
    /// again is answered unchanged; another one is a 409), audited. When it was the last open RFI
    /// on its tasking, the tasking's SLA clock restarts in the same transaction
    /// (`occ_rfi_answered_resume`), audited as `tasking.sla_resumed`.
    func answer(_ request: Request) async throws -> Response {
        let (principal, partnerID) = try Self.partner(request)
        let id = try Self.itemID(request, noun: "request for information")
        let answer: String
        switch RequestActionValidator.answer(json: try await Self.json(request)) {
        case .success(let text): answer = text
        case .failure(let failure): throw Self.invalid(failure, "answer")
        }
        let rfi = try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            guard let row = try await connection.query(PartnerRFIQueries.lock.binding(id, partnerID)).single else {
                throw HTTPError(.notFound, detail: "no such request for information for this partner")
            }
            let current = try PartnerRFI(row: row)
            switch RFITransition.decide(answer: answer, open: current.isOpen, existing: current.answer) {
            case .conflict(let reason): throw HTTPError(.conflict, detail: reason)
            case .unchanged: return current.partnerView()
            case .record:
                try await connection.query(PartnerRFIQueries.answer.binding(id, partnerID, answer, principal.auditActor))
                let traceID = try row.decode(String.self, "trace_id")
                // The last open RFI on the tasking answered: its SLA clock runs again from now.
                let resumed = try await connection.query(PartnerRFIQueries.resumeClock.binding(id)).single
                var events = [AuditEvent(
                    actor: principal.auditActor, action: "rfi.answered", subjectType: "partner_rfi", subjectID: String(id), traceID: traceID,
                    detail: ["agency": current.agency, "tasking_id": current.taskingID, "partner_id": String(partnerID),
                             "sla_clock": resumed == nil ? "unchanged" : "restarted"])]
                if let resumed {
                    events.append(AuditEvent(
                        actor: principal.auditActor, action: "tasking.sla_resumed", subjectType: "tasking", subjectID: current.taskingID,
                        traceID: traceID,
                        detail: ["agency": try resumed.decode(String.self, "agency_code"), "rfi_id": String(id),
                                 "paused_seconds": String(try resumed.decode(Double.self, "paused_seconds")),
                                 "due_at": Timestamp.format(try resumed.decode(Date.self, "due_at"))]))
                }
                try await AuditLog.append(events, on: connection)
                guard let updated = try await connection.query(PartnerRFIQueries.lock.binding(id, partnerID)).single else {
                    throw HTTPError(.notFound, detail: "no such request for information for this partner")
                }
                return try PartnerRFI(row: updated).partnerView()
            }
        }
        return try Response.json(rfi)
    }
}
