import Postgres

/// The harness's own view of the database, as the throwaway server's superuser: a short
/// connection per call, so a session killed by a fault is never reused and the harness needs
/// nothing of the pool under test.
struct FaultDatabase: Sendable {
    let conninfo: String

    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await PostgresConnection.connect(conninfo, applicationName: "occ-faults")
        do {
            let value = try await body(connection)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }

    func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await withConnection { try await $0.query(query) }
    }

    /// The first column of the first row as an integer (counts).
    func count(_ query: PostgresQuery) async throws -> Int {
        try await self.query(query).single?.decode(Int.self, at: 0) ?? 0
    }
}
