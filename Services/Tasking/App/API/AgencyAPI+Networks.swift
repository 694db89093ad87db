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
