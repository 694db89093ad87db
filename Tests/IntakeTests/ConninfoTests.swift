import Foundation
import Postgres
import Runtime
@testable import ServiceKit
import Testing
import TestSupport

@Suite("Session time limits in the connection string")
struct ConninfoTests {
    static let ours = "-c statement_timeout=15000"

    @Test("key=value strings get an options pair that keeps their own options after ours")
    func keywordValue() throws {
        #expect(Conninfo.addingOptions(Self.ours, to: "host=/tmp port=5432 dbname=occ")
            == "host=/tmp port=5432 dbname=occ options='-c statement_timeout=15000'")
        let own = Conninfo.addingOptions(Self.ours, to: #"dbname=occ options = '-c search_path=a\'b' user=x"#)
        let pairs = try #require(Conninfo.keywordValuePairs(own))
        #expect(pairs.last?.key == "options")
        #expect(pairs.last?.value == "-c statement_timeout=15000 -c search_path=a'b")
        #expect(pairs.filter { $0.key == "user" }.map(\.value) == ["x"])
    }

    @Test("URLs get an encoded options parameter, merged with theirs")
    func urls() {
        #expect(Conninfo.addingOptions(Self.ours, to: "postgresql://u@db:5432/occ")
            == "postgresql://u@db:5432/occ?options=-c%20statement_timeout%3D15000")
        #expect(Conninfo.addingOptions(Self.ours, to: "postgres://u@db/occ?sslmode=verify-full&options=-c%20work_mem%3D8MB")
            == "postgres://u@db/occ?sslmode=verify-full&options=-c%20statement_timeout%3D15000%20-c%20work_mem%3D8MB")
    }

    @Test("a bare database name, an empty string and PGOPTIONS are handled as libpq would")
    func otherForms() {
        #expect(Conninfo.addingOptions(Self.ours, to: "occ") == "dbname='occ' options='-c statement_timeout=15000'")
        #expect(Conninfo.addingOptions(Self.ours, to: "") == "options='-c statement_timeout=15000'")
        #expect(Conninfo.addingOptions(Self.ours, to: "dbname=occ", fallbackOptions: "-c geqo=off")
            == "dbname=occ options='-c statement_timeout=15000 -c geqo=off'")
        // The string's own options replace PGOPTIONS, as in libpq.
        #expect(Conninfo.addingOptions(Self.ours, to: "dbname=occ options=-cgeqo=on", fallbackOptions: "-c geqo=off")
            == "dbname=occ options=-cgeqo=on options='-c statement_timeout=15000 -cgeqo=on'")
    }

    @Test("a string libpq cannot parse is left for libpq to reject", arguments: ["dbname='occ", "=x y=1", "postgresql://h/d?options=%zz"])
    func malformed(conninfo: String) {
        #expect(Conninfo.addingOptions(Self.ours, to: conninfo) == conninfo)
    }

    @Test("limits come from DATABASE_*_TIMEOUT, 15 s, 30 s and 10 s by default, in milliseconds")
    func configuration() throws {
        #expect(try SessionTimeouts(config: Config([:])).startupOptions
            == "-c statement_timeout=15000 -c idle_in_transaction_session_timeout=30000 -c lock_timeout=10000")
        let set = try SessionTimeouts(config: Config([
            "DATABASE_STATEMENT_TIMEOUT": "2m", "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT": "0", "DATABASE_LOCK_TIMEOUT": "250ms",
        ]))
        #expect(set == SessionTimeouts(statement: .seconds(120), idleInTransaction: .zero, lock: .milliseconds(250)))
        #expect(SessionTimeouts.milliseconds(.microseconds(1)) == 1)
        for bad in ["soon", "-1s", "30d", "600h"] {
            #expect(throws: ConfigError.self) { try SessionTimeouts(config: Config(["DATABASE_STATEMENT_TIMEOUT": bad])) }
        }
    }

    @Test("every form reaches the server: the session runs under the limits, the string's own -c still wins")
    func appliedByTheServer() async throws {
        let database = try await TestDatabase.create(template: .empty)
        let cluster = database.cluster
        let timeouts = SessionTimeouts(statement: .milliseconds(1500), idleInTransaction: .seconds(7), lock: .seconds(3))
        let forms = [
            cluster.conninfo(database: database.name),
            "postgresql:///\(database.name)?host=\(cluster.directory)&port=\(cluster.port)&user=\(cluster.superuser)",
            cluster.conninfo(database: database.name) + " options='-c lock_timeout=4s'",
        ]
        for (index, url) in forms.enumerated() {
            let environment = ServiceEnvironment(
                databaseURL: url, sessionTimeouts: timeouts, http: .init(), logger: Logger(service: "test", level: .critical))
            let connection = try await PostgresConnection.connect(environment.conninfo)
            let row = try #require(try await connection.query(PostgresQuery("test_limits", """
                SELECT current_setting('statement_timeout') AS statement,
                       current_setting('idle_in_transaction_session_timeout') AS idle,
                       current_setting('lock_timeout') AS lock
                """)).single)
            await connection.close()
            #expect(try row.decode(String.self, "statement") == "1500ms")
            #expect(try row.decode(String.self, "idle") == "7s")
            #expect(try row.decode(String.self, "lock") == (index == 2 ? "4s" : "3s"))
        }
    }
}
