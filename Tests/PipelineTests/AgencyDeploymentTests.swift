import Foundation
import HTTP
import Runtime
import Schema
import ServiceKit
import TaskingApp
import TestSupport
import Testing

/// An agency runs its own tasking API (`TASKING_MODE=api`) with a login bound to it, against the
/// exchange's database.
@Suite("Tasking: an agency's own API deployment", .serialized)
struct AgencyDeploymentTests {
    @Test("TASKING_MODE=api runs no worker; with the NCA login it serves NCA keys their taskings, records outcomes, refuses another agency's key")
    func apiOnly() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let login = try await harness.database.login(.taskingAPI, boundTo: .agency(code: "NCA_TICAT"))
            let settings = try TaskingSettings(config: Config(["TASKING_MODE": "api"]))
            let service = TaskingService(
                environment: ServiceEnvironment(
                    databaseURL: login, poolSize: 2, http: HTTPServer.Configuration(host: "127.0.0.1", port: 0),
                    logger: Logger(service: "tasking-nca", level: .critical)),
                settings: settings)
            #expect(service.worker == nil)
            #expect(service.services.count == 1)
            let nca = try await harness.agencyToken("NCA_TICAT")
            let listed = try await harness.call(service.router, .get, "/v1/taskings", token: nca)
            #expect(listed.status == 200)
            let referrals = listed.json["taskings"]?.arrayValue?.compactMap { $0["referral_id"]?.stringValue }
            #expect(referrals == [scenario.cyberReferral.uuidString.lowercased()])
            let tasking = try #require(listed.json["taskings"]?.arrayValue?.first?["id"]?.stringValue)
            let accepted = try await harness.call(service.router, .post, "/v1/taskings/\(tasking)/accept", token: nca, purpose: "triage of a ransomware referral")
            #expect(accepted.status == 200)
            let recorded = try await harness.call(
                service.router, .post, "/v1/taskings/\(tasking)/outcome", token: nca, body: #"{"kind": "charged", "home_office_code": 1}"#,
                purpose: "recording the charge")
            #expect(recorded.status == 201)
            // The exchange's feedback worker picks up the job the agency's API enqueued.
            #expect(try await harness.eventually {
                try await harness.count("SELECT count(*) FROM feedback_items WHERE referral_id = $1", scenario.cyberReferral) == 1
            })
            let ftc = try await harness.agencyToken("COLP_FTC")
            #expect(try await harness.call(service.router, .get, "/v1/taskings", token: ftc).status == 401)
            await service.pool.close()
        }
    }

    @Test("TASKING_MODE is worker, api or all (default all, any case); anything else stops the service", arguments: [
        ("", TaskingMode.all), ("Worker", .worker), ("api", .api), ("both", nil),
    ] as [(String, TaskingMode?)])
    func modes(text: String, expected: TaskingMode?) {
        #expect((try? TaskingSettings(config: Config(["TASKING_MODE": text])).mode) == expected)
    }
}
