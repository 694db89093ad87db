import Foundation
import Domain
import Postgres

/// Partners and agencies, as the operator CLI and tests manage them. Every change is audited.
public struct PartnerRegistry: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Registers a partner; a duplicate name is a `PostgresError` with `.uniqueViolation`.
    public func add(name: String, sector: Sector, actor: String = "operator") async throws -> PartnerRecord {
        try await pool.transaction { connection in
            guard let row = try await connection.query(PartnerQueries.insert.binding(name, sector.rawValue)).single else {
                throw PostgresError(.protocolViolation, queryName: "partners_insert", reason: "no row returned")
            }
            let partner = try Self.partner(row)
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "partner.added", subjectType: "partner", subjectID: String(partner.id),
                detail: ["sector": sector.rawValue]), on: connection)
            return partner
        }
    }

    public func list() async throws -> [PartnerRecord] {
        try await pool.query(PartnerQueries.list).map(Self.partner)
    }

    public func agencies() async throws -> [AgencyRecord] {
        try await pool.query(PartnerQueries.agencies).map {
            AgencyRecord(code: try $0.decode(String.self, "code"), name: try $0.decode(String.self, "name"))
        }
    }

    private static func partner(_ row: PostgresRow) throws -> PartnerRecord {
        let sectorText = try row.decode(String.self, "sector")
        guard let sector = Sector(rawValue: sectorText) else {
            throw PostgresError(.decoding, queryName: "partners", reason: "unknown sector in database")
        }
        return PartnerRecord(
            id: try row.decode(Int64.self, "id"), name: try row.decode(String.self, "name"), sector: sector,
            createdAt: try row.decode(Date.self, "created_at"))
    }
}
