@testable import OCC
import Postgres
import Testing
import TestSupport

@Suite("Fault suite logins")
struct ServiceLoginTests {
    @Test("each service login is a plain member of its group, and a privileged one stops the suite")
    func leastPrivilege() async throws {
        let db = try await TestDatabase.create()
        let admin = try await db.connect()
        // Logins are cluster-wide: this is the only test that makes them.
        try await ServiceLogins.create(services: FaultSettings.services, on: admin)
        try await ServiceLogins.verify(services: FaultSettings.services, on: admin)
        let intake = try await PostgresConnection.connect(db.cluster.conninfo(database: db.name, user: ServiceLogins.login("intake")))
        let row = try await intake.query(PostgresQuery("login_check", """
            SELECT current_setting('is_superuser') AS superuser, pg_has_role('occ_intake', 'member') AS intake,
                   pg_has_role('occ_tasking', 'member') AS tasking
            """)).single
        #expect(try row?.decode(String.self, "superuser") == "off")
        #expect(try row?.decode(Bool.self, "intake") == true)
        #expect(try row?.decode(Bool.self, "tasking") == false)
        await intake.close()
        try await admin.execute("ALTER ROLE occ_feedback_login CREATEDB", name: "test_privilege_login")
        await #expect(throws: FaultSuiteError.self) { try await ServiceLogins.verify(services: FaultSettings.services, on: admin) }
        try await admin.execute("ALTER ROLE occ_feedback_login NOCREATEDB", name: "test_unprivilege_login")
        await admin.close()
    }
}
