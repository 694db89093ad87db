import Foundation
import Postgres

/// Applies `Migrations.all` in order under an advisory lock, so services starting together cannot race.
public struct Migrator: Sendable {
    /// A migration with when it was applied (nil: pending).
    public struct Status: Sendable {
        public let migration: Migration
        public let appliedAt: Date?
        public let checksumMatches: Bool
    }

    public let migrations: [Migration]
    /// Arbitrary constant naming the migration lock among advisory locks.
    static let lockKey: Int64 = 0x0cc_5c4e_3a00

    public init(migrations: [Migration] = Migrations.all) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies every pending migration; returns the ones applied now.
    @discardableResult
    public func migrate(_ connection: PostgresConnection, progress: (String) -> Void = { _ in }) async throws -> [Migration] {
        try await connection.query(Queries.lock.binding(Self.lockKey))
        do {
            try await connection.execute(Queries.createTable, name: "create_schema_migrations")
            let applied = try await appliedVersions(connection)
            var done: [Migration] = []
            for migration in migrations where applied[migration.version] == nil {
                progress("applying \(migration.version) \(migration.name)")
                try await connection.transaction { connection in
                    try await connection.execute(migration.sql, name: "migration_\(migration.version)")
                    try await connection.query(Queries.record.binding(migration.version, migration.name, migration.checksum))
                }
                done.append(migration)
            }
            try await connection.query(Queries.unlock.binding(Self.lockKey))
            return done
        } catch {
            _ = try? await connection.query(Queries.unlock.binding(Self.lockKey))
            throw error
        }
    }

    /// Every known migration with its state in this database. Creates nothing, so a service's
    /// least-privilege role can call it (readiness checks).
    public func status(_ connection: PostgresConnection) async throws -> [Status] {
        let exists = try await connection.query(Queries.tableExists).single?.decode(Bool.self, "present") ?? false
        let applied = exists ? try await appliedVersions(connection) : [:]
        return migrations.map { migration in
            let record = applied[migration.version]
            return Status(migration: migration, appliedAt: record?.at, checksumMatches: record.map { $0.checksum == migration.checksum } ?? true)
        }
    }

    /// True when nothing is pending (for readiness checks).
    public func isCurrent(_ connection: PostgresConnection) async throws -> Bool {
        try await status(connection).allSatisfy { $0.appliedAt != nil }
    }

    private func appliedVersions(_ connection: PostgresConnection) async throws -> [Int: (at: Date, checksum: String)] {
        var applied: [Int: (at: Date, checksum: String)] = [:]
        for row in try await connection.query(Queries.list) {
            applied[try row.decode(Int.self, "version")] = (try row.decode(Date.self, "applied_at"), try row.decode(String.self, "checksum"))
        }
        return applied
    }

    enum Queries {
        static let lock = PostgresQuery("migrations_lock", "SELECT pg_advisory_lock($1::bigint)")
        static let unlock = PostgresQuery("migrations_unlock", "SELECT pg_advisory_unlock($1::bigint)")
        static let createTable = """
            CREATE TABLE IF NOT EXISTS occ_schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """
        static let tableExists = PostgresQuery(
            "migrations_table_exists", "SELECT to_regclass('occ_schema_migrations') IS NOT NULL AS present")
        static let list = PostgresQuery("migrations_list", "SELECT version, checksum, applied_at FROM occ_schema_migrations")
        static let record = PostgresQuery(
            "migrations_record", "INSERT INTO occ_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)")
    }
}
