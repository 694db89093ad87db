@testable import Postgres
import Testing
import TestSupport

@Suite("Connection defaults")
struct ConnectionDefaultsTests {
    @Test("keepalive and TCP user timeout defaults are in the session's options; the conninfo's own values win")
    func keepaliveOptions() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let defaults = try await db.connect()
        let options = try await defaults.connectionOptions()
        #expect(options["keepalives"] == "1")
        #expect(options["keepalives_idle"] == "30")
        #expect(options["keepalives_interval"] == "10")
        #expect(options["keepalives_count"] == "3")
        #expect(options["tcp_user_timeout"] == "30000")
        let overridden = try await PostgresConnection.connect("\(db.conninfo) keepalives_idle=7 tcp_user_timeout=5000")
        let chosen = try await overridden.connectionOptions()
        #expect(chosen["keepalives_idle"] == "7")
        #expect(chosen["tcp_user_timeout"] == "5000")
        #expect(chosen["keepalives_count"] == "3")
        await defaults.close()
        await overridden.close()
    }
}
