import Foundation
import Postgres
import TestSupport
import Testing

/// `occ logins` as the exchange's DBA runs it: the real executable on a migrated database.
@Suite("occ logins: per-organisation database logins")
struct LoginsCommandTests {
    @Test("add (password on stdin), list and revoke an agency's tasking-API login; each change is audited")
    func lifecycle() async throws {
        let database = try await TestDatabase.create()
        let name = "occ_\(database.name)_nca"
        let added = try await OCCCommand.run(
            ["logins", "add", "--service", "tasking-api", "--agency", "NCA_TICAT", "--name", name],
            conninfo: database.conninfo, input: "a long enough secret\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "login \(name) created: member of occ_agency_api, bound to agency NCA_TICAT\n")
        let listed = try await OCCCommand.run(["logins", "list"], conninfo: database.conninfo)
        #expect(listed.stdout.split(separator: "\n").contains("\(name)\tocc_agency_api\tagency NCA_TICAT\tcan log in"))
        #expect(listed.stdout.contains("occ_test_enrichment\tocc_enrichment\texchange\tcan log in"))
        let revoked = try await OCCCommand.run(["logins", "revoke", "--name", name], conninfo: database.conninfo)
        #expect(revoked.status == 0 && revoked.stdout == "login \(name) revoked\n", "\(revoked.stderr)")
        let pool = database.pool()
        let state = try await pool.query(PostgresQuery("test_login_state", """
            SELECT r.rolcanlogin, a.rolpassword LIKE 'SCRAM-SHA-256$%' AS scram,
                   (SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE subject_id = $1) AS audited
            FROM pg_roles r JOIN pg_authid a ON a.oid = r.oid WHERE r.rolname = $1
            """, [name])).single
        #expect(try state?.decode(Bool.self, "rolcanlogin") == false)
        #expect(try state?.decode(Bool.self, "scram") == true)
        #expect(try state?.decode(String.self, "audited") == "login.added,login.revoked")
        await pool.close()
    }

    @Test("mistakes are usage errors that say what to do and create nothing", arguments: [
        (["--service", "tasking", "--agency", "NCA_TICAT"], "only intake may serve one partner and tasking-api one agency"),
        (["--service", "tasking-api", "--agency", "NOWHERE"], "no agency with code NOWHERE"),
        (["--service", "feedback"], "give exactly one of --agency, --partner or --exchange"),
        (["--service", "nonsense", "--exchange"], "--service must be one of intake, enrichment, tasking"),
        (["--service", "intake", "--exchange", "--password", "x"], "unknown option --password"),
    ])
    func refusals(arguments: [String], message: String) async throws {
        let database = try await TestDatabase.create()
        let name = "occ_\(database.name)_x"
        let run = try await OCCCommand.run(
            ["logins", "add", "--name", name] + arguments, conninfo: database.conninfo, environment: ["OCC_LOGIN_PASSWORD": "a long enough secret"])
        #expect(run.status == 64)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        let pool = database.pool()
        #expect(try await pool.query(PostgresQuery("test_no_role", "SELECT 1 FROM pg_roles WHERE rolname = $1", [name])).isEmpty)
        await pool.close()
    }

    @Test("without OCC_LOGIN_PASSWORD or a line on stdin, nothing is created")
    func noPassword() async throws {
        let database = try await TestDatabase.create()
        let run = try await OCCCommand.run(
            ["logins", "add", "--service", "intake", "--exchange", "--name", "occ_\(database.name)_y"], conninfo: database.conninfo)
        #expect(run.status == 64)
        #expect(run.stderr.contains("no password: set OCC_LOGIN_PASSWORD or give it on standard input"))
    }
}
