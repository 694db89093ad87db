import Postgres

/// What the server reports about its sessions, as the signal that a session reached a state
/// (instead of sleeping and hoping it did). Each check is its own statement, so it sees a fresh
/// snapshot of `pg_stat_activity`; the bound only turns a bug into a failure instead of a hang.
enum ServerActivity {
    private static let sleeping = PostgresQuery(
        "backend_sleeping", "SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1 AND wait_event = 'PgSleep'")
    private static let sessions = PostgresQuery(
        "sessions_named", "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2")
    private static let backendPID = PostgresQuery("backend_pid", "SELECT pg_backend_pid() AS pid")

    /// The server process serving `connection`.
    static func pid(of connection: PostgresConnection) async throws -> Int {
        try await connection.query(backendPID).single!.decode(Int.self, "pid")
    }

    /// Returns once backend `pid` is inside `pg_sleep`, i.e. its statement is running.
    static func waitUntilSleeping(pid: Int, observer: PostgresConnection) async throws {
        try await waitUntil(observer) { try await $0.query(sleeping.binding(pid)).single?.decode(Int.self, "n") == 1 }
    }

    /// Returns once exactly `count` sessions of `applicationName` are connected to `database`.
    static func waitForSessions(_ count: Int, database: String, applicationName: String, observer: PostgresConnection) async throws {
        try await waitUntil(observer) {
            try await $0.query(sessions.binding(database, applicationName)).single?.decode(Int.self, "n") == count
        }
    }

    private static func waitUntil(_ observer: PostgresConnection, _ condition: (PostgresConnection) async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while try await !condition(observer) {
            guard ContinuousClock.now < deadline else { throw Timeout() }
        }
    }

    struct Timeout: Error {}
}
