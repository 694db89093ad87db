import Foundation
import Postgres
import TestSupport
import Testing

/// `occ retention list|show|add|retire|hold|holds|release|due`: the real executable as the operator.
@Suite("occ retention: the real executable", .serialized)
struct RetentionCommandTests {
    @Test("rules are listed with their basis, added (re-dating their class) and retired; mistakes change nothing; all audited")
    func rules() async throws {
        let database = try await TestDatabase.create()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: AuditFixtures.asOperator(database)) }

        let listed = try await occ(["retention", "list"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("class\treferral_tasked\tanonymise,review\t"))
        #expect(listed.stdout.contains("referral-tasked\treferral_tasked\tany\t6 years\tanonymise\tactive\treferrals=0\n"))
        #expect(listed.stdout.contains("audit-events\taudit_events\tany\t7 years\tarchive\tactive\t"))
        let shown = try await occ(["retention", "show", "referral-judicial"])
        #expect(shown.stdout.contains("action: review\n") && shown.stdout.contains("legal basis: MoPI"))
        #expect(shown.stdout.contains("[check]"))

        let add = ["retention", "add", "--id", "tasked-cyber", "--class", "referral_tasked", "--crime-type", "cyber", "--period", "3y",
                   "--action", "anonymise", "--legal-basis", "DPA 2018 s.39 [check]", "--source", "Test policy"]
        let added = try await occ(add)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "tasked-cyber\treferral_tasked\tcyber\t3 years\tanonymise\treferrals=0\n")
        let clash = try await occ(add.map { $0 == "tasked-cyber" ? "tasked-cyber-2" : $0 })
        #expect(clash.status == 64 && clash.stderr.contains("an active rule already covers referral_tasked for cyber"))

        for (arguments, message) in [
            (["--id", "x", "--class", "referral_tasked", "--period", "6 years", "--action", "anonymise", "--legal-basis", "b", "--source", "s"],
             "--period must be"),
            (["--id", "x", "--class", "referral_tasked", "--period", "6y", "--action", "delete", "--legal-basis", "b", "--source", "s"],
             "--action delete is not allowed for class referral_tasked"),
            (["--id", "x", "--class", "no_such_class", "--period", "6y", "--action", "delete", "--legal-basis", "b", "--source", "s"],
             "--class no_such_class is not a record class"),
            (["--id", "x", "--class", "referral_tasked", "--period", "6y", "--action", "review", "--source", "s"], "--legal-basis is required"),
        ] {
            let refused = try await occ(["retention", "add"] + arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
        let retired = try await occ(["retention", "retire", "tasked-cyber"])
        #expect(retired.status == 0 && retired.stdout.hasPrefix("tasked-cyber\tretired "))
        #expect(try await occ(["retention", "retire", "tasked-cyber"]).status == 64)
        #expect(try await occ(["retention", "show", "nope"]).status == 64)

        let pool = database.pool()
        let audited = try await pool.query(PostgresQuery(
            "test_retention_audit", "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE subject_type = 'retention_rule'"))
        #expect(try audited.single?.decode(String.self, at: 0) == "retention_rule.added,retention_rule.retired")
        await pool.close()
    }

    @Test("holds are placed, listed for oversight and released; bad holds are refused; due lists nothing on an empty exchange")
    func holds() async throws {
        let database = try await TestDatabase.create()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: AuditFixtures.asOperator(database)) }
        let pool = database.pool()
        let network = try await pool.query(PostgresQuery(
            "test_network", "INSERT INTO networks (first_seen, last_seen) VALUES (now(), now()) RETURNING id::text AS id"))
        let networkID = try #require(try network.single?.decode(String.self, "id"))

        let placed = try await occ(["retention", "hold", "--network", networkID, "--reason", "Operation Kestrel", "--until", "2099-01-01T00:00:00Z"])
        #expect(placed.status == 0, "\(placed.stderr)")
        let holdID = String(placed.stdout.prefix { $0 != "\t" })
        #expect(placed.stdout.contains("\tnetwork:\(networkID)\toperator\t-\t"))
        #expect(placed.stdout.contains("\t2099-01-01T00:00:00"))
        #expect(try await occ(["retention", "holds"]).stdout.contains("network:\(networkID)"))
        for (arguments, message) in [
            (["--referral", UUID().uuidString, "--reason", "Operation Kestrel"], "no such referral"),
            (["--network", "999999", "--reason", "Operation Kestrel"], "no such network"),
            (["--network", networkID, "--reason", "x"], "--reason must be"),
            (["--network", networkID, "--reason", "Operation Kestrel", "--until", "2001-01-01T00:00:00Z"], "--until must be later"),
            (["--reason", "Operation Kestrel"], "exactly one of --referral or --network"),
        ] {
            let refused = try await occ(["retention", "hold"] + arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
        let released = try await occ(["retention", "release", holdID])
        #expect(released.status == 0, "\(released.stderr)")
        #expect(try await occ(["retention", "holds"]).stdout.isEmpty)
        #expect(try await occ(["retention", "holds", "--all"]).stdout.contains("network:\(networkID)\toperator"))
        #expect(try await occ(["retention", "release", holdID]).status == 64)

        let due = try await occ(["retention", "due", "--now", "2099-01-01T00:00:00Z"])
        #expect(due.status == 0 && due.stdout.isEmpty)
        #expect(try await occ(["retention", "due", "--class", "feedback_items"]).stderr.contains("go with their referral"))
        #expect(try await occ(["retention", "run", "--now", "yesterday"]).status == 64)
        let audited = try await pool.query(PostgresQuery(
            "test_hold_audit", "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE subject_type = 'legal_hold'"))
        #expect(try audited.single?.decode(String.self, at: 0) == "legal_hold.placed,legal_hold.released")
        await pool.close()
    }
}
