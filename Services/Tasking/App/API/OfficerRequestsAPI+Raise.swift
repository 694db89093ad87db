import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

extension OfficerRequestsAPI {
    /// Addresses and stores a validated request in the caller's transaction. 422 when nobody
    /// may receive it: no partner of the acting sectors, or the referral's markings keep the
    /// indicator from every one of them.
    func store(
        _ draft: RequestDraft, context: RaiseContext, officer: CallingOfficer, purpose: Purpose, on connection: PostgresConnection
    ) async throws -> PartnerRequest {
        // now() is this transaction's start, earlier than this check: the row's check holds.
        guard draft.deadline > Date() else {
            throw HTTPError(.unprocessableContent, detail: "the request is not valid",
                            errors: [Problem.FieldError(field: "deadline", message: "must be in the future")])
        }
        let sectors = draft.kind.actingSectors.map(\.rawValue).sorted()
        let candidates = try await connection.query(PartnerRequestQueries.candidates.binding(context.taskingID, draft.indicator.key, sectors))
            .map { row in
                let sector = try row.decode(String.self, "sector")
                // The partners table's check allows only the four sectors.
                guard let known = Sector(rawValue: sector) else { throw HTTPError(.internalServerError, detail: "a partner has sector \(sector)") }
                return RequestCandidate(partnerID: String(try row.decode(Int64.self, "partner_id")), sector: known, holds: try row.decode(Bool.self, "holds"))
            }
        let addressing = Disclosure.address(draft.kind, actioned: context.source, candidates: candidates)
        guard !addressing.addressees.isEmpty else {
            let why = addressing.withheld.isEmpty
                ? "no partner of the acting sector(s) \(sectors.joined(separator: ", ")) is registered"
                : "the referral's markings keep the indicator from every partner able to act (\(Set(addressing.withheld.values.map(\.rawValue)).sorted().joined(separator: ", ")))"
            throw HTTPError(.unprocessableContent, detail: "nobody can receive this request: \(why)",
                            errors: [Problem.FieldError(field: addressing.withheld.isEmpty ? "kind" : "indicator_key", message: why)])
        }
        let tlp = max(context.referral.markings.tlp, .amber)
        guard let id = try await connection.query(PartnerRequestQueries.insert.binding(
            context.taskingID, officer.agency, draft.kind.code, draft.indicator.kind.rawValue, draft.indicator.value, draft.indicator.key,
            draft.gateway.rawValue, tlp.rawValue, draft.deadline, draft.note, officer.actor, officer.id, context.traceID)).single?
            .decode(Int64.self, "id")
        else { throw HTTPError(.internalServerError, detail: "the request was not stored") }
        try await addressPartners(request: id, addressing, draft: draft, context: context, officer: officer, purpose: purpose, on: connection)
        guard let row = try await connection.query(PartnerRequestQueries.one.binding(id, officer.agency)).single else {
            throw HTTPError(.internalServerError, detail: "the request was not stored")
        }
        let request = try PartnerRequest(row: row)
        try await announce(request, traceID: context.traceID, on: connection)
        return request
    }

    /// Where a request becomes visible to its partners: the addressees are stored, and the
    /// decision (who was addressed, who withheld and why) is audited, in the raising
    /// transaction. This is the one place "request raised for partner X" happens; `store` then
    /// announces it to each addressee's webhook endpoint (`announce`) in the same transaction.
    private func addressPartners(
        request id: Int64, _ addressing: RequestAddressing, draft: RequestDraft, context: RaiseContext, officer: CallingOfficer,
        purpose: Purpose, on connection: PostgresConnection
    ) async throws {
        let partners = addressing.addressees.map { Int64($0.partnerID) ?? 0 }
        try await connection.query(PartnerRequestQueries.address.binding(id, partners, addressing.addressees.map(\.holds)))
        try await AuditLog.append(officer.event(
            "request.raised", subjectType: "partner_request", subjectID: String(id), traceID: context.traceID, purpose: purpose,
            detail: [
                "tasking_id": context.taskingID.uuidString.lowercased(), "kind": draft.kind.code, "gateway": draft.gateway.rawValue,
                "deadline": Timestamp.format(draft.deadline),
                "addressed": addressing.addressees.map(\.partnerID).joined(separator: ","),
                "withheld": addressing.withheld.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.rawValue)" }.joined(separator: ","),
            ]), on: connection)
    }
}
