import Domain
import HTTP
import Postgres
import ServiceKit

extension AgencyAPI {
    /// `GET /v1/networks/{id}`: a network the officer's agency is tasked on (a tasking on any
    /// member), with the referrals, indicators and timeline the agency may see
    /// (`occ_network_view`, migration 11). Needs a stated purpose; the read is audited.
    func network(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        guard let text = request.parameters["id"], let id = Int64(text), id > 0 else {
            throw HTTPError(.notFound, detail: "no such network for this agency")
        }
        let view = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            guard let json = try await connection.query(NetworkQueries.view.binding(id)).single?.decode(String?.self, "view") else {
                throw HTTPError(.notFound, detail: "no such network for this agency")
            }
            try await AuditLog.append(officer.event(
                "network.read", subjectType: "network", subjectID: String(id), purpose: purpose), on: connection)
            return json
        }
        var headers = HTTPHeaders()
        headers["Content-Type"] = "application/json"
        return Response(status: .ok, headers: headers, body: Array(view.utf8))
    }
}

extension AgencyAPI {
    static let maxLeadBytes = 1024

    /// `POST /v1/networks/{id}/lead` with `{"team": "COLP_FTC"}`: designates the lead agency of a
    /// network the officer's agency is tasked on (a merged id designates the network it merged
    /// into). The team must hold a tasking in the network (422 naming `team`); otherwise 404.
    /// Audited as `network.lead_designated` with the lead before, if any. Every tasking in the
    /// network then shows the lead in its deconfliction flag.
    func designateLead(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        guard let text = request.parameters["id"], let id = Int64(text), id > 0 else {
            throw HTTPError(.notFound, detail: "no such network for this agency")
        }
        let lead = try Self.validated(try await request.jsonValue(upTo: Self.maxLeadBytes), LeadAgencyDesignation.validate,
                                            what: "the designation")
        let answer = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            let row = try await connection.query(NetworkQueries.designateLead.binding(id, lead.team.rawValue, officer.actor)).single
            switch try row?.decode(String.self, "outcome") {
            case "designated": break
            case "not_holding":
                throw HTTPError(.unprocessableContent, detail: "the designation is not valid",
                                errors: [Problem.FieldError(field: "team", message: "\(lead.team.rawValue) holds no tasking in this network")])
            default: throw HTTPError(.notFound, detail: "no such network for this agency")
            }
            let network = try row?.decode(Int64.self, "network_id") ?? id
            let previous = try row?.decode(String?.self, "previous_lead")
            try await AuditLog.append(officer.event(
                "network.lead_designated", subjectType: "network", subjectID: String(network), purpose: purpose,
                detail: ["lead_agency": lead.team.rawValue, "previous_lead": previous ?? "none", "requested_id": String(id)]),
                on: connection)
            return ["network_id": String(network), "lead_agency": lead.team.rawValue, "previous_lead": previous]
        }
        return try Response.json(answer)
    }
}
