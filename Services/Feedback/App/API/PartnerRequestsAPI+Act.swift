import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

extension PartnerRequestsAPI {
    enum Verb: Sendable {
        case acknowledge, complete, decline
    }

    /// `POST /v1/requests/{id}/acknowledge|complete|decline`: validates the body (422 naming
    /// fields), decides the transition (`RequestTransition`) on the locked request and, when it
    /// moves, records it and its audit event in one transaction. Answers the request as the
    /// partner sees it; 404 when it is not addressed to the caller, 409 when it cannot move so.
    func act(_ request: Request, _ verb: Verb) async throws -> Response {
        let (principal, partnerID) = try Self.partner(request)
        let id = try Self.itemID(request, noun: "request")
        let json = try await Self.json(request)
        if verb == .decline, case .failure(let failure) = RequestActionValidator.decline(json: json) { throw Self.invalid(failure, "decline") }
        if verb == .acknowledge, json != .object([:]) {
            throw HTTPError(.unprocessableContent, detail: "acknowledging takes no body",
                            errors: [Problem.FieldError(field: "body", message: "must be empty or {}")])
        }
        let view = try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            guard let row = try await connection.query(PartnerRequestQueries.lockAddressed.binding(id, partnerID)).single else {
                throw HTTPError(.notFound, detail: "no such request for this partner")
            }
            let current = try PartnerRequest(row: row)
            let action = try Self.action(verb, json: json, raisedAt: current.raisedAt)
            let state = RequestTransition.Current(
                status: current.status, actedBy: current.actedBy, completion: current.completion, declinedReason: current.declinedReason)
            switch RequestTransition.decide(action, on: state, by: String(partnerID)) {
            case .conflict(let reason):
                throw HTTPError(.conflict, detail: reason)
            case .unchanged:
                return Disclosure.requestView(current, for: String(partnerID))
            case .move:
                try await connection.query(Self.statement(action, request: id, partner: partnerID))
                try await AuditLog.append(AuditEvent(
                    actor: principal.auditActor, action: action.auditAction, subjectType: "partner_request", subjectID: String(id),
                    traceID: try row.decode(String.self, "trace_id"), detail: Self.detail(action, current: current, partner: partnerID)),
                    on: connection)
                guard let updated = try await connection.query(PartnerRequestQueries.lockAddressed.binding(id, partnerID)).single else {
                    throw HTTPError(.notFound, detail: "no such request for this partner")
                }
                return Disclosure.requestView(try PartnerRequest(row: updated), for: String(partnerID))
            }
        }
        return try Response.json(view)
    }

    private static func action(_ verb: Verb, json: JSONValue, raisedAt: Date) throws -> RequestAction {
        let result = switch verb {
        case .acknowledge: Result<RequestAction, ValidationFailure>.success(.acknowledge)
        case .complete: RequestActionValidator.completion(json: json, raisedAt: raisedAt, now: Date())
        case .decline: RequestActionValidator.decline(json: json)
        }
        switch result {
        case .success(let action): return action
        case .failure(let failure): throw invalid(failure, verb == .complete ? "completion" : "decline")
        }
    }

    private static func statement(_ action: RequestAction, request id: Int64, partner: Int64) -> PostgresQuery {
        switch action {
        case .acknowledge:
            PartnerRequestQueries.acknowledge.binding(id)
        case .complete(let evidence):
            PartnerRequestQueries.complete.binding(
                id, partner, evidence.completedAt, evidence.amount?.amount, evidence.amount?.currency, evidence.reference)
        case .decline(let reason):
            PartnerRequestQueries.decline.binding(id, partner, reason)
        }
    }

    /// Facts for the audit event: never the reason's or the reference's text.
    private static func detail(_ action: RequestAction, current: PartnerRequest, partner: Int64) -> [String: String] {
        var detail = ["partner_id": String(partner), "kind": current.kind, "agency": current.agency, "tasking_id": current.taskingID]
        if case .complete(let evidence) = action {
            detail["completed_at"] = Timestamp.format(evidence.completedAt)
            detail["seconds_to_complete"] = String(Int(evidence.completedAt.timeIntervalSince(current.raisedAt)))
            if let amount = evidence.amount { detail["amount"] = "\(amount.amount) \(amount.currency)" }
        }
        return detail
    }
}
