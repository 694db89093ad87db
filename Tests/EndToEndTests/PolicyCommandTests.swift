import Foundation
import Postgres
import TestSupport
import Testing

/// `occ policy …` and `occ operations …`: the real `occ` executable as the operator role.
@Suite("occ policy and occ operations: the real executable", .serialized)
struct PolicyCommandTests {
    @Test("the release policy is listed, shown and set (audited); bad settings and values are usage errors that change nothing")
    func policy() async throws {
        let database = try await TestDatabase.create()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: AuditFixtures.asOperator(database)) }

        let listed = try await occ(["policy", "list"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = listed.stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(2).joined(separator: "=") }
        #expect(rows == ["linked_partner_disruption_kinds=allow", "linked_partner_money=withhold", "partner_identities=withhold", "recipient_hop_limit=1"])

        let set = try await occ(["policy", "set", "linked_partner_money", "ALLOW"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "linked_partner_money\twithhold -> allow\n")
        #expect(try await occ(["policy", "show", "linked_partner_money"]).stdout.hasPrefix("allow\n"))
        #expect(try await occ(["policy", "set", "recipient_hop_limit", "2"]).status == 0)

        for (arguments, message) in [
            (["policy", "set", "recipient_hop_limit", "7"], "recipient_hop_limit must be a whole number from 1 to 3"),
            (["policy", "set", "partner_identities", "sometimes"], "partner_identities must be allow or withhold"),
            (["policy", "set", "everything", "allow"], "unknown setting 'everything'"),
            (["policy", "show"], "a SETTING is required"),
        ] {
            let refused = try await occ(arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
        let pool = database.pool()
        let values = try await pool.query(PostgresQuery("e2e_policy", "SELECT string_agg(setting || '=' || value, ',' ORDER BY setting) FROM disclosure_policy"))
        #expect(try values.single?.decode(String.self, at: 0)
            == "linked_partner_disruption_kinds=allow,linked_partner_money=allow,partner_identities=withhold,recipient_hop_limit=2")
        let audited = try await pool.query(PostgresQuery(
            "e2e_policy_audit", "SELECT count(*) FROM audit_log WHERE action = 'disclosure_policy.set'"))
        #expect(try audited.single?.decode(Int.self, at: 0) == 2)
        await pool.close()
    }

    @Test("operation names are added per agency, listed and removed; a duplicate or unknown agency is a usage error")
    func operations() async throws {
        let database = try await TestDatabase.create()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: AuditFixtures.asOperator(database)) }
        let added = try await occ(["operations", "add", "--agency", "NCA_TICAT", "Operation Tiburon"])
        #expect(added.status == 0, "\(added.stderr)")
        let id = try #require(added.stdout.split(separator: "\t").first?.split(separator: " ").last.map(String.init))
        #expect(try await occ(["operations", "add", "--agency", "NCA_TICAT", "operation tiburon"]).stderr.contains("already lists"))
        #expect(try await occ(["operations", "add", "--agency", "NOPE", "Operation X"]).status == 64)
        #expect(try await occ(["operations", "add", "--agency", "NCA_TICAT", "ab"]).status == 64)
        #expect(try await occ(["operations", "list"]).stdout == "\(id)\tNCA_TICAT\tOperation Tiburon\n")
        #expect(try await occ(["operations", "remove", id]).status == 0)
        #expect(try await occ(["operations", "remove", id]).status == 64)
        #expect(try await occ(["operations", "list"]).stdout.isEmpty)
    }
}
