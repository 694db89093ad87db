import Foundation
import Postgres
import ServiceKit
import TestSupport
import Testing

/// `occ officers …`, `occ keys issue --officer` and `occ audit who-read`: the real `occ` executable
/// as the operator role, with the real services where reads are needed.
@Suite("occ officers and occ audit who-read: the real executable", .serialized)
struct OfficersCommandTests {
    @Test("officers are added, listed and revoked; an officer's key is issued and revoked with them; mistakes are usage errors")
    func officers() async throws {
        let database = try await TestDatabase.create()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: AuditFixtures.asOperator(database)) }

        let added = try await occ(["officers", "add", "--agency", "NCA_TICAT", "--name", "Jane Smith", "--staff-id", "pc4471"])
        #expect(added.status == 0, "\(added.stderr)")
        let id = try #require(added.stdout.split(separator: "\t").first?.split(separator: " ").last.map(String.init))
        #expect(added.stdout == "officer \(id)\tNCA_TICAT\tPC4471\tJane Smith\n")
        #expect(added.stderr.contains("occ keys issue --officer \(id)"))
        #expect(try await occ(["officers", "add", "--agency", "COLP_FTC", "--name", "Sam Lee", "--staff-id", "W-1001"]).status == 0)

        for (arguments, message) in [
            (["--agency", "NCA_TICAT", "--name", "Someone Else", "--staff-id", "PC4471"], "NCA_TICAT already has an active officer with staff id PC4471"),
            (["--agency", "NOPE", "--name", "Someone", "--staff-id", "1"], "no agency with code NOPE"),
            (["--agency", "NCA_TICAT", "--name", "Someone", "--staff-id", "has space"], "must be 1 to 32 letters"),
            (["--agency", "NCA_TICAT", "--name", "Bell\u{07}", "--staff-id", "2"], "the name must be 1 to 200 printable characters"),
            (["--agency", "NCA_TICAT", "--name", "Someone"], "--staff-id is required"),
        ] {
            let refused = try await occ(["officers", "add"] + arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }

        let issued = try await occ(["keys", "issue", "--officer", id])
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(issued.stderr.contains("issued to officer:\(id)@NCA_TICAT with agency:tasking"))
        let token = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("occ_"))
        let agencyKey = try await occ(["keys", "issue", "--agency", "NCA_TICAT", "--scopes", "agency:tasking"])
        #expect(agencyKey.status == 64)
        #expect(agencyKey.stderr.contains("agency keys belong to an officer"))

        let all = try await occ(["officers", "list"])
        #expect(all.status == 0)
        let rows: [[String]] = all.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        let expected: [[String]] = [
            [String(try #require(Int(id)) + 1), "COLP_FTC", "W-1001", "active", "Sam Lee"], [id, "NCA_TICAT", "PC4471", "active", "Jane Smith"],
        ]
        #expect(rows == expected)
        #expect(try await occ(["officers", "list", "--agency", "COLP_FTC"]).stdout.hasSuffix("\tSam Lee\n"))
        #expect(try await occ(["officers", "list", "--agency", "NOPE"]).status == 64)

        let keyID = try #require(token.split(separator: "_").dropFirst().first.map(String.init))
        let revoked = try await occ(["officers", "revoke", id])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout == "officer \(id) (NCA_TICAT PC4471) revoked; keys revoked: \(keyID)\n")
        #expect(try await database.pool().query(PostgresQuery("e2e_key_revoked", "SELECT 1 FROM api_keys WHERE id = $1 AND revoked_at IS NOT NULL", [keyID])).count == 1)
        let listed = try await occ(["officers", "list", "--agency", "NCA_TICAT"]).stdout
        #expect(listed.contains("\tPC4471\trevoked 20"))
        for arguments in [["officers", "revoke", id], ["officers", "revoke"], ["officers", "revoke", "abc"], ["keys", "issue", "--officer", id]] {
            #expect(try await occ(arguments).status == 64, "\(arguments)")
        }
    }

    @Test("who-read lists each officer's reads of a referral through the real tasking service, oldest first, with purposes")
    func whoRead() async throws {
        let exchange = try await Exchange(services: ["intake", "enrichment", "tasking"])
        let operatorConninfo = AuditFixtures.asOperator(exchange.database)
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: operatorConninfo) }
        let cyber = try await exchange.partner("Cyber Firm", .cyber)
        let submission = Exchange.referral("CYB-1", crimeType: "cyber.ransomware", indicators: #"{"kind": "ipv4", "value": "203.0.113.7"}"#)
        let (submitted, receipt) = try await exchange.call("intake", .post, "/v1/referrals", token: cyber.token, body: submission)
        #expect(submitted == 201)
        let reference = try #require(receipt["reference"]?.stringValue)
        let referralID = try #require(receipt["id"]?.stringValue)
        #expect(try await exchange.eventually { try await exchange.count("SELECT count(*) FROM referrals WHERE status = 'tasked'") == 1 })

        var officers: [(id: String, token: String)] = []
        for (name, staffID) in [("Jane Smith", "4471"), ("Ravi Patel", "5120")] {
            let added = try await occ(["officers", "add", "--agency", "NCA_TICAT", "--name", name, "--staff-id", staffID])
            let id = try #require(added.stdout.split(separator: "\t").first?.split(separator: " ").last.map(String.init))
            officers.append((id, try await occ(["keys", "issue", "--officer", id]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let (listed, list) = try await exchange.call("tasking", .get, "/v1/taskings", token: officers[0].token)
        #expect(listed == 200)
        let tasking = try #require(list["taskings"]?.arrayValue?.first?["id"]?.stringValue)
        let read = { (token: String, purpose: String?) in try await exchange.call("tasking", .get, "/v1/taskings/\(tasking)", token: token, purpose: purpose) }

        #expect(try await read(officers[0].token, "triage of new tasking").0 == 200)
        let (refused, problem) = try await read(officers[1].token, nil)
        #expect(refused == 400)
        #expect(problem["errors"]?.arrayValue?.first?["field"]?.stringValue == "X-Purpose")
        #expect(try await read(officers[1].token, "Op NIGHTJAR: linking to live case").0 == 200)

        for key in [reference, referralID, reference.lowercased()] {
            let run = try await occ(["audit", "who-read", key])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
            #expect(lines.map { Array($0.dropFirst()) } == [
                ["officer:\(officers[0].id)@NCA_TICAT", "4471", "Jane Smith", "tasking:\(tasking)", "triage of new tasking"],
                ["officer:\(officers[1].id)@NCA_TICAT", "5120", "Ravi Patel", "tasking:\(tasking)", "Op NIGHTJAR: linking to live case"],
            ])
            #expect(lines.count == 2 && lines[0][0] <= lines[1][0])
            #expect(run.stderr.contains("\(reference): 2 recorded reads"))
        }
        for key in ["OCC-1999-000001", "not-a-referral"] {
            let run = try await occ(["audit", "who-read", key])
            #expect(run.status == 64, "\(key)")
            #expect(run.stdout.isEmpty)
        }

        #expect(try await occ(["officers", "revoke", officers[0].id]).status == 0)
        #expect(try await read(officers[0].token, "triage of new tasking").0 == 401)
        #expect(try await occ(["audit", "who-read", reference]).stdout.split(separator: "\n").count == 2)
        #expect(await exchange.stop().values.allSatisfy { $0 == 0 })
    }
}
