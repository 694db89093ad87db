import Foundation
import Schema
import TestSupport
import Testing

/// `occ simulate` against the real executables: setup writes keys once, the simulator plays the
/// journey over HTTP only and checks an agency's own deployment; a wrong claim fails it.
@Suite("occ simulate drives running services by URL", .serialized)
struct SimulatorTests {
    static func url(_ service: ServiceProcess) -> String { "http://127.0.0.1:\(service.port)" }

    @Test("setup writes the keys once (mode 0600); the journey and the agency deployment's checks pass (exit 0)")
    func journey() async throws {
        let exchange = try await Exchange()
        let agencyLogin = try await exchange.database.login(.taskingAPI, boundTo: .agency(code: "NCA_TICAT"))
        let agency = try await ServiceProcess("tasking", conninfo: agencyLogin, environment: ["TASKING_MODE": "api"])
        let folder = NSTemporaryDirectory() + "occ-simulator-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let keys = folder + "/keys.json"

        let setup = try await OCCCommand.run(["simulate", "setup", "--keys", keys, "--use-database-url"], conninfo: exchange.database.conninfo(as: .operator))
        #expect(setup.status == 0, "\(setup.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: keys)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let written = try Data(contentsOf: URL(fileURLWithPath: keys))
        let again = try await OCCCommand.run(["simulate", "setup", "--keys", keys, "--use-database-url"], conninfo: exchange.database.conninfo(as: .operator))
        #expect(again.status == 0 && again.stderr.contains("exists: its keys are kept"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: keys)) == written)

        let services = try ["intake", "tasking", "feedback"].map { try #require(exchange.services[$0]) }
        let urls = ["--intake-url", Self.url(services[0]), "--tasking-url", Self.url(services[1]), "--feedback-url", Self.url(services[2])]
        let run = try await OCCCommand.run(
            ["simulate", "--keys", keys, "--referrals", "8", "--agency-tasking-url", Self.url(agency), "--agency", "NCA_TICAT"] + urls, conninfo: "")
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("all checks passed"))
        #expect(run.stdout.contains("partners see all 12 referrals routed"))
        #expect(run.stdout.contains("NCA_TICAT's deployment lists only NCA_TICAT's taskings"))
        #expect(!run.stdout.contains("✗"))
        // The journeys come from what partners and agencies see: one line per story referral.
        #expect(run.stdout.split(separator: "\n").filter { $0.contains("received →") }.count == 4)

        // Claiming the exchange's own tasking is NCA's deployment: it authenticates COLP's officer,
        // so that check fails and so does the run.
        let wrong = try await OCCCommand.run(
            ["simulate", "--keys", keys, "--agency-tasking-url", Self.url(services[1]), "--agency", "NCA_TICAT"] + urls, conninfo: "")
        #expect(wrong.status == 1, "\(wrong.stdout)\n\(wrong.stderr)")
        #expect(wrong.stdout.contains("✗ COLP_FTC's officer is not authenticated by NCA_TICAT's deployment (200)"))
        #expect(wrong.stderr.contains("check(s) failed"))
        #expect(await agency.stop() == 0)
        _ = await exchange.stop()
    }

    @Test("bad invocations are usage errors (exit 64) and touch nothing", arguments: [
        (["simulate"], "give --keys FILE or set OCC_SIMULATOR_KEYS"),
        (["simulate", "--keys", "/nonexistent", "--intake-url", "https://intake:8080"], "--intake-url must be http://HOST:PORT"),
        (["simulate", "--keys", "/nonexistent", "--agency", "NCA_TICAT"], "--agency-tasking-url and --agency go together"),
        (["simulate", "--keys", "/nonexistent", "--timeout", "forever"], "--timeout must be a duration"),
        (["simulate", "--keys", "/nonexistent", "--bogus"], "unknown option --bogus"),
        (["simulate", "setup", "--keys", "/nonexistent/keys.json"], "DATABASE_URL is not set"),
    ])
    func usage(arguments: [String], message: String) async throws {
        let run = try await OCCCommand.run(arguments, conninfo: "", environment: ["INTAKE_URL": "", "OCC_SIMULATOR_KEYS": ""])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("a key file the simulator cannot read is a clear failure (exit 1)")
    func missingKeys() async throws {
        let run = try await OCCCommand.run(
            ["simulate", "--keys", "/nonexistent/keys.json", "--intake-url", "http://127.0.0.1:1", "--tasking-url", "http://127.0.0.1:1",
             "--feedback-url", "http://127.0.0.1:1"], conninfo: "")
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot read the key file /nonexistent/keys.json"), "\(run.stderr)")
    }
}
