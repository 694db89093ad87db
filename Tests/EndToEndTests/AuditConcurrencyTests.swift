import Foundation
import Postgres
import Runtime
import ServiceKit
import TestSupport
import Testing

/// Many writers, many chainers: the chain stays one chain.
@Suite("audit chain under load: four processes append, two chainers race")
struct AuditConcurrencyTests {
    static let processes = 4
    static let appendsPerProcess = 2_500

    @Test("10,000 appends from four psql processes (four service logins) while two chainers race: one intact chain")
    func tenThousandAppends() async throws {
        let database = try await TestDatabase.create()
        let groups = ["occ_intake", "occ_enrichment", "occ_tasking", "occ_feedback"]
        var logins: [(name: String, conninfo: String)] = []
        for group in groups { logins.append(try await AuditFixtures.login(database, member: group)) }
        let chainerLogin = try await AuditFixtures.login(database, member: "occ_operator")
        // Two chainers as two services would run them, passing more often than the services' 250 ms
        // and in small batches, so leadership changes hands many times during the appends (not
        // more often still: the test server is shared with every other test running meanwhile).
        let chainers = (0..<2).map { index in
            AuditChainer(conninfo: chainerLogin.conninfo, applicationName: "test-chainer-\(index)", logger: Logger(service: "test"),
                         interval: .milliseconds(20), batchSize: 300)
        }
        let running = chainers.map { chainer in Task { try await chainer.run() } }

        // Each process: one autocommitted append per statement, claiming to be the operator.
        try await withThrowingTaskGroup(of: Int32.self) { group in
            for (index, login) in logins.enumerated() {
                group.addTask { try await Self.psql(database, conninfo: login.conninfo, script: Self.script(process: index)) }
            }
            for try await status in group { #expect(status == 0) }
        }
        chainers.forEach { $0.shutdown() }
        for task in running { try await task.value }

        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        let drained = try await AuditLog.chainPending(on: connection)
        let chainedByChainers = chainers.reduce(0) { $0 + $1.chainedRows }
        #expect(chainedByChainers > 0)
        #expect(chainedByChainers + drained == Self.processes * Self.appendsPerProcess)
        let verification = try await AuditLog.verify(on: connection, pageSize: 1_000)
        #expect(verification.isIntact)
        #expect(verification.rows == Self.processes * Self.appendsPerProcess)
        #expect(verification.pending == 0)
        let perLogin = try await connection.query(PostgresQuery("test_audit_per_login", """
            SELECT login, count(*)::int AS n, count(*) FILTER (WHERE actor = 'operator')::int AS lies FROM audit_log GROUP BY login
            """)).map { (try $0.decode(String.self, "login"), try $0.decode(Int.self, "n"), try $0.decode(Int.self, "lies")) }
        #expect(Dictionary(uniqueKeysWithValues: perLogin.map { ($0.0, $0.1) }) == Dictionary(uniqueKeysWithValues: logins.map { ($0.name, Self.appendsPerProcess) }))
        #expect(perLogin.allSatisfy { $0.2 == Self.appendsPerProcess }, "every row claims 'operator'; the login column says who it was")
    }

    /// `appendsPerProcess` statements, each its own transaction.
    static func script(process: Int) -> String {
        (1...appendsPerProcess).map { n in
            "SELECT audit_append(ARRAY[now()], ARRAY['operator'], ARRAY['test.concurrent'], ARRAY['test'], ARRAY['\(process)-\(n)'], ARRAY[NULL::text], ARRAY['{\"process\":\(process),\"n\":\(n)}']);"
        }.joined(separator: "\n") + "\n"
    }

    /// Runs psql on `script` as the login `conninfo` names; returns its exit status.
    static func psql(_ database: TestDatabase, conninfo: String, script: String) async throws -> Int32 {
        let path = try AuditFixtures.temporaryFile("appends.sql", contents: script)
        defer { AuditFixtures.removeTemporary(path) }
        let process = try Subprocess(
            database.cluster.tool("psql"), arguments: ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-f", path, "-d", conninfo],
            environment: ProcessInfo.processInfo.environment, output: .discard)
        return await process.exitStatus()
    }
}
