import Foundation
import Postgres
import Runtime
import TestSupport
import Testing

/// deploy/postgres/roles.sql, run with psql as a DBA would.
@Suite("deploy/postgres/roles.sql")
struct RolesScriptTests {
    @Test("creates an agency's API login and a partner's intake login, each in its groups only and bound to its organisation")
    func bindsLogins() async throws {
        let database = try await TestDatabase.create()
        let pool = database.pool()
        let partner = try #require(try await pool.query(PostgresQuery(
            "test_partner", "INSERT INTO partners (name, sector) VALUES ('Roles Telecom', 'telco') RETURNING id")).single?.decode(Int64.self, at: 0))
        let nca = "occ_\(database.name)_nca", intake = "occ_\(database.name)_telco"
        let run = try await Self.psql(database, [
            "-v", "tasking_api_login=\(nca)", "-v", "tasking_api_agency=NCA_TICAT", "-v", "tasking_api_password=a long enough secret",
            "-v", "intake_login=\(intake)", "-v", "intake_partner=\(partner)", "-v", "intake_password=another long secret",
        ])
        #expect(run.status == 0, "\(run.errors)")
        let rows = try await pool.query(PostgresQuery("test_bound", """
            SELECT b.login, b.kind, coalesce(b.agency_code, b.partner_id::text) AS organisation,
                   array(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
                         WHERE r.rolname = b.login) AS groups
            FROM occ_login_bindings b WHERE b.login = ANY($1::text[]) ORDER BY b.login
            """, [[nca, intake]]))
        let bound = try rows.map { "\(try $0.decode(String.self, "login")) \(try $0.decode(String.self, "kind")) \(try $0.decode(String.self, "organisation")) \(try $0.decode([String].self, "groups"))" }
        #expect(bound == ["\(nca) agency NCA_TICAT [\"occ_agency_api\"]", "\(intake) partner \(partner) [\"occ_intake\"]"])
        await pool.close()
    }

    @Test("refuses to run before occ migrate, saying so")
    func needsMigrations() async throws {
        let database = try await TestDatabase.create(template: .empty)
        let run = try await Self.psql(database, ["-v", "operator_password=a long enough secret"])
        #expect(run.status != 0)
        #expect(run.errors.contains("run occ migrate first"))
    }

    /// psql of the test server's version on roles.sql; returns its exit status and stderr.
    private static func psql(_ database: TestDatabase, _ variables: [String]) async throws -> (status: Int32, errors: String) {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../deploy/postgres/roles.sql").standardized
        let process = try Subprocess(
            URL(fileURLWithPath: database.cluster.binDirectory).appendingPathComponent("psql").path,
            arguments: [database.conninfo, "--no-psqlrc", "-v", "ON_ERROR_STOP=1"] + variables + ["-f", script.path],
            environment: ProcessInfo.processInfo.environment, output: .discard, errors: .pipe)
        // Reading to the end blocks: on a thread of its own, never on the cooperative pool.
        let text = try await BlockingThread.run { String(decoding: process.standardError?.readDataToEndOfFile() ?? Data(), as: UTF8.self) }
        return (await process.exitStatus(), text)
    }
}
