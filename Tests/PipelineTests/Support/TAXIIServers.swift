import Domain
import Foundation
import HTTP
import IntakeApp
import Runtime
import ServiceKit

/// The intake service and the harness's feedback service listening on 127.0.0.1, so partners'
/// requests (submissions, withdrawals, TAXII) go over real HTTP.
struct TAXIIServers: Sendable {
    let intake: IntakeApplication
    let intakePort: Int
    let feedbackPort: Int

    static func with(_ harness: PipelineHarness, _ body: (TAXIIServers) async throws -> Void) async throws {
        let environment = ServiceEnvironment(
            databaseURL: harness.database.conninfo(as: .intake), poolSize: 2,
            http: HTTPServer.Configuration(host: "127.0.0.1", port: 0), logger: Logger(service: "intake-test", level: .critical))
        let intake = try await buildIntakeApplication(environment: environment)
        let servers = TAXIIServers(intake: intake, intakePort: try intake.bind(), feedbackPort: try harness.feedback.server.bind())
        let running = [Task { try await intake.run() }, Task { try await harness.feedback.server.run() }]
        let stop = {
            intake.shutdown()
            harness.feedback.server.shutdown()
            for task in running { _ = try? await task.value }
            await intake.pool.close()
        }
        do {
            try await body(servers)
        } catch {
            await stop()
            throw error
        }
        await stop()
    }

    /// `POST /v1/referrals` as the partner; the new referral's id.
    func submit(_ partner: TestPartner, _ json: String) async throws -> UUID {
        let response = try await Self.once(intakePort, .post, "/v1/referrals", headers: [
            "Authorization": "Bearer \(partner.token)", "Content-Type": "application/json"], body: Array(json.utf8))
        guard response.status == .created, let id = try JSONValue(parsing: Data(response.body))["id"]?.stringValue.flatMap(UUID.init)
        else { throw ScenarioError("submit answered \(response.status.code): \(response.text)") }
        return id
    }

    /// `POST /v1/referrals/{id}/withdraw` with `body`.
    func withdraw(_ partner: TestPartner, _ id: UUID, body: String = #"{"reason": "Wrong account number: a typo in our report."}"#)
        async throws -> ClientResponse {
        try await Self.once(
            intakePort, .post, "/v1/referrals/\(id.uuidString.lowercased())/withdraw",
            headers: ["Authorization": "Bearer \(partner.token)", "Content-Type": "application/json"], body: Array(body.utf8))
    }

    /// A TAXII GET on the feedback service, with `authorization` (default: Basic with the partner's key).
    func taxii(_ target: String, partner: TestPartner?, authorization: String? = nil, accept: String = "application/taxii+json;version=2.1")
        async throws -> ClientResponse {
        var headers: HTTPHeaders = ["Accept": accept]
        if let authorization {
            headers["Authorization"] = authorization
        } else if let partner {
            headers["Authorization"] = "Basic " + Data("partner:\(partner.token)".utf8).base64EncodedString()
        }
        return try await Self.once(feedbackPort, .get, target, headers: headers)
    }

    /// One request on its own connection.
    static func once(_ port: Int, _ method: HTTPMethod, _ target: String, headers: HTTPHeaders, body: [UInt8] = []) async throws -> ClientResponse {
        let client = HTTPClient(port: port, timeout: .seconds(60))
        do {
            let response = try await client.send(method, target, headers: headers, body: body)
            await client.close()
            return response
        } catch {
            await client.close()
            throw error
        }
    }
}
