import Foundation
import Postgres
import TestSupport
import Testing

/// `occ warninglists …`: the real `occ` executable as the operator role.
@Suite("occ warninglists: the real executable", .serialized)
struct WarninglistsCommandTests {
    @Test("seeded entries are listed; a value is added under its canonical key, removed, and both are audited; mistakes change nothing")
    func warninglists() async throws {
        let database = try await TestDatabase.create()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: AuditFixtures.asOperator(database)) }

        let seeded = try await occ(["warninglists", "list"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(seeded.stdout.contains("domain:gmail.com\twebmail\t"))
        #expect(seeded.stdout.contains("domain:bit.ly\turl-shorteners\t"))
        #expect(seeded.stdout.contains("phone:+442079460000\tgenuine-helplines\t"))

        let added = try await occ([
            "warninglists", "add", "--kind", "domain", "--value", "Bücher.Example", "--list", "platforms", "--reason", "A shared host"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "listed domain:xn--bcher-kva.example\n")
        #expect(try await occ(["warninglists", "list"]).stdout.contains("domain:xn--bcher-kva.example\tplatforms\tA shared host\n"))
        let again = try await occ(["warninglists", "add", "--kind", "domain", "--value", "xn--bcher-kva.example", "--list", "x", "--reason", "y"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("domain:xn--bcher-kva.example is already listed"))

        for (arguments, message) in [
            (["add", "--kind", "phone", "--value", "not a number", "--list", "x", "--reason", "y"], "not a listable phone: value"),
            (["add", "--kind", "domain", "--value", "a.example", "--list", "Bad List", "--reason", "y"], "--list must be"),
            (["add", "--kind", "domain", "--value", "a.example", "--list", "x"], "--reason is required"),
            (["frobnicate"], "expected list, add or remove"),
        ] {
            let refused = try await occ(["warninglists"] + arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }

        let removed = try await occ(["warninglists", "remove", "--kind", "domain", "--value", "bücher.example"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try await occ(["warninglists", "remove", "--kind", "domain", "--value", "bücher.example"]).status == 1)
        let pool = database.pool()
        let audited = try await pool.query(PostgresQuery(
            "test_warninglist_audit",
            "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE subject_type = 'warninglist_entry'"))
        #expect(try audited.single?.decode(String.self, at: 0) == "warninglist.added,warninglist.removed")
        await pool.close()
    }
}
