import Postgres

/// One session as a given login, for asking what that login can see and do.
struct LoginSession {
    let connection: PostgresConnection

    /// Connects with `conninfo`, runs `body`, and always closes.
    static func with<T>(_ conninfo: String, _ body: (LoginSession) async throws -> T) async throws -> T {
        let session = LoginSession(connection: try await PostgresConnection.connect(conninfo, applicationName: "occ-test-login"))
        do {
            let value = try await body(session)
            await session.connection.close()
            return value
        } catch {
            await session.connection.close()
            throw error
        }
    }

    /// An integer from a one-row, one-column query.
    func count(_ sql: String, _ binds: any PostgresEncodable...) async throws -> Int {
        try await connection.query(PostgresQuery("test_login_count", sql, binds)).single?.decode(Int.self, at: 0) ?? -1
    }

    /// The first column of every row, as text.
    func texts(_ sql: String) async throws -> [String] {
        try await connection.query(PostgresQuery("test_login_texts", sql)).map { try $0.decode(String.self, at: 0) }
    }

    /// Rows a statement changed.
    func affected(_ sql: String) async throws -> Int {
        try await connection.execute(sql, name: "test_login_change").affectedRows
    }

    /// Sets `name` for the rest of the session, as a login trying to widen its view would.
    func set(_ name: String, _ value: String) async throws {
        try await connection.query(PostgresQuery("test_login_set", "SELECT set_config($1, $2, false)", [name, value]))
    }

    /// The SQLSTATE `sql` fails with (nil if it succeeds).
    func failure(_ sql: String) async -> SQLState? {
        do {
            try await connection.execute(sql, name: "test_login_refused")
            return nil
        } catch let error as PostgresError {
            return error.sqlState
        } catch {
            return nil
        }
    }
}
