import HTTP
import Postgres
import Schema

/// The `/readyz` check shared by services: the database answers and its schema is current.
public enum DatabaseReadiness {
    /// Two named checks, `database` and `migrations`; failures say why without echoing connection details.
    public static func check(_ pool: PostgresPool) async -> Readiness {
        do {
            let current = try await pool.withConnection { try await Migrator().isCurrent($0) }
            return Readiness(checks: ["database": "ok", "migrations": current ? "ok" : "pending migrations"])
        } catch {
            return Readiness(checks: ["database": "unreachable", "migrations": "unknown"])
        }
    }
}
