import Foundation
import Postgres
import Schema
import Testing
import TestSupport

@Suite("Logins: created bound, listed, revoked")
struct LoginRegistryTests {
    @Test("a login is created with only its service's groups, a SCRAM verifier and its binding; revoked, it cannot log in")
    func lifecycle() async throws {
        let database = try await TestDatabase.create()
        let admin = try await database.connect()
        let name = "occ_\(database.name)_nca_api"
        try await admin.transaction {
            try await LoginRegistry(connection: $0).add(
                name: name, service: .taskingAPI, binding: .agency(code: "NCA_TICAT"), password: "correct horse battery")
        }
        let role = try #require(try await admin.query(PostgresQuery("test_role", """
            SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication, rolpassword,
                   array(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = a.oid) AS groups
            FROM pg_authid a WHERE rolname = $1
            """, [name])).single)
        #expect(try role.decode(Bool.self, "rolcanlogin"))
        for attribute in ["rolsuper", "rolcreaterole", "rolcreatedb", "rolbypassrls", "rolreplication"] {
            #expect(try !role.decode(Bool.self, attribute))
        }
        let stored = try role.decode(String.self, "rolpassword")
        #expect(stored.hasPrefix("SCRAM-SHA-256$") && !stored.contains("correct horse"))
        #expect(try role.decode([String].self, "groups") == ["occ_agency_api"])
        let listed = try #require(try await LoginRegistry(connection: admin).list().first { $0.name == name })
        #expect(listed.groups == ["occ_agency_api"] && listed.binding == .agency(code: "NCA_TICAT") && listed.canLogin && listed.exists)

        let session = try await PostgresConnection.connect(database.cluster.conninfo(database: database.name, user: name))
        try await admin.transaction { try await LoginRegistry(connection: $0).revoke(name: name) }
        #expect(await LoginRegistry(connection: admin).terminateSessions(of: name))
        await #expect(throws: PostgresError.self) { try await session.execute("SELECT 1", name: "test_after_revoke") }
        await #expect(throws: PostgresError.self) {
            try await PostgresConnection.connect(database.cluster.conninfo(database: database.name, user: name))
        }
        #expect(try await LoginRegistry(connection: admin).list().contains { $0.name == name } == false)
        await session.close()
        await admin.close()
    }

    @Test("refusals say why and create nothing")
    func refusals() async throws {
        let database = try await TestDatabase.create()
        let admin = try await database.connect()
        let registry = LoginRegistry(connection: admin)
        let cases: [(String, ServiceLogin, LoginBinding, String?, LoginError)] = [
            ("occ_\(database.name)_a", .tasking, .agency(code: "NCA_TICAT"), nil, .bindingNotAllowed(.tasking, .agency(code: "NCA_TICAT"))),
            ("occ_\(database.name)_b", .enrichment, .partner(id: 1), nil, .bindingNotAllowed(.enrichment, .partner(id: 1))),
            ("occ_\(database.name)_c", .taskingAPI, .agency(code: "NOWHERE"), nil, .unknownAgency("NOWHERE")),
            ("occ_\(database.name)_d", .intake, .partner(id: 999_999), nil, .unknownPartner(999_999)),
            ("occ_\(database.name)_e", .intake, .exchange, "short", .shortPassword),
            ("Robert'); DROP", .intake, .exchange, nil, .invalidName("Robert'); DROP")),
            ("pg_monitor_x", .intake, .exchange, nil, .invalidName("pg_monitor_x")),
            ("occ_operator", .intake, .exchange, nil, .invalidName("occ_operator")),
            ("occ", .operator, .exchange, nil, .exists("occ")),
        ]
        for (name, service, binding, password, expected) in cases {
            await #expect(throws: expected) {
                try await admin.transaction { try await LoginRegistry(connection: $0).add(name: name, service: service, binding: binding, password: password) }
            }
        }
        let created = try await admin.query(PostgresQuery("test_created", "SELECT count(*) FROM pg_roles WHERE rolname = ANY($1::text[])",
                                                          [cases.prefix(5).map(\.0)])).single?.decode(Int.self, at: 0)
        #expect(created == 0)
        await #expect(throws: LoginError.notAServiceLogin("occ")) { try await registry.revoke(name: "occ") }
        await #expect(throws: LoginError.unknownLogin("nobody_here")) { try await registry.revoke(name: "nobody_here") }
        await admin.close()
    }
}
