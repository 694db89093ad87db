import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

extension OfficerRequestsAPI {
    /// Requests and RFIs, as officers' lists answer them.
    struct Listing: Encodable, Sendable {
        let requests: [PartnerRequest]
        let rfis: [PartnerRFI]
        /// The overdue list's next page (null after the last); absent on a tasking's own list.
        let nextCursor: String??

        private enum CodingKeys: String, CodingKey {
            case requests, rfis
            case nextCursor = "next_cursor"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(requests, forKey: .requests)
            try container.encode(rfis, forKey: .rfis)
            if let nextCursor { try container.encode(nextCursor, forKey: .nextCursor) }
        }
    }

    /// `GET /v1/taskings/{id}/requests`: every request and RFI on the tasking (at most 1,000 of
    /// each), with addressees, evidence and answers. A detail read: `X-Purpose` required, audited.
    func forTasking(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        let id = try request.taskingID()
        let listing = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            guard try await connection.query(TaskingQueries.summaryForAgency.binding(id, officer.agency)).single != nil else {
                throw HTTPError(.notFound, detail: "no such tasking for this agency")
            }
            let requests = try await connection.query(PartnerRequestQueries.forTasking.binding(id, officer.agency)).map(PartnerRequest.init(row:))
            let rfis = try await connection.query(PartnerRFIQueries.forTasking.binding(id, officer.agency)).map(PartnerRFI.init(row:))
            try await AuditLog.append(officer.event(
                "tasking.requests_read", subjectID: id.uuidString.lowercased(), purpose: purpose,
                detail: ["requests": String(requests.count), "rfis": String(rfis.count)]), on: connection)
            return Listing(requests: requests, rfis: rfis, nextCursor: nil)
        }
        return try Response.json(listing)
    }

    /// `GET /v1/overdue?cursor=&limit=`: the agency's requests and RFIs still open past their
    /// deadline, each in id order, a page of up to `limit` of each; `next_cursor` carries on both.
    func overdue(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.optionalPurpose()
        let query: RequestListQuery
        switch RequestListQuery.parse(request.query.items.map { (name: $0.name, value: $0.value) }, list: "overdue", streams: 2) {
        case .success(let parsed): query = parsed
        case .failure(let failure):
            throw HTTPError(.badRequest, detail: "bad parameter(s): \(failure.errors.map(\.path.description).joined(separator: ", "))",
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
        let after = query.after?.ids ?? [0, 0]
        let listing = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            let requestRows = try await connection.query(PartnerRequestQueries.overdue.binding(officer.agency, after[0], query.limit + 1))
            let rfiRows = try await connection.query(PartnerRFIQueries.overdue.binding(officer.agency, after[1], query.limit + 1))
            let requests = try requestRows.prefix(query.limit).map(PartnerRequest.init(row:))
            let rfis = try rfiRows.prefix(query.limit).map(PartnerRFI.init(row:))
            let more = requestRows.count > query.limit || rfiRows.count > query.limit
            let next = RequestCursor(list: "overdue", ids: [requests.last?.id ?? after[0], rfis.last?.id ?? after[1]])
            try await AuditLog.append(officer.event(
                "requests.overdue_listed", subjectType: "agency", subjectID: officer.agency, purpose: purpose,
                detail: ["requests": String(requests.count), "rfis": String(rfis.count)]), on: connection)
            return Listing(requests: requests, rfis: rfis, nextCursor: .some(more ? next.description : nil))
        }
        return try Response.json(listing)
    }
}
