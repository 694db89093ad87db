import Foundation
import TestSupport
import Testing

/// `occ rules test FILE.json`: the real `occ` executable as the operator role.
@Suite("occ rules test: the real executable", .serialized)
struct RulesTestCommandTests {
    @Test("shows which stored rules fire for the facts, why the others do not, and the routes; a bad file is a usage error")
    func rulesTest() async throws {
        let database = try await TestDatabase.create()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: AuditFixtures.asOperator(database)) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("facts-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"crime_type": "cyber.ransomware", "loss_gbp": 5000000, "vulnerable": true, "score": 57}"#.utf8).write(to: file)
        let run = try await occ(["rules", "test", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("FIRES   cyber-ticat-major-loss → NCA_TICAT P1 4h"))
        #expect(lines.contains("no      cyber-ticat-high-harm: minimum_score 70: score is 57"))
        #expect(lines.contains("no      threat-to-life-cyber: threat_to_life: is false"))
        #expect(lines.last == "routes: NCA_TICAT P1 4h [cyber-ticat-major-loss,cyber-ticat]")

        try Data(#"{"score": 10}"#.utf8).write(to: file)
        let refused = try await occ(["rules", "test", file.path])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("is not routing facts JSON (crime_type is required)"))
    }
}
