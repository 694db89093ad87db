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
    ///
    /// Finance partners are taken to be regulated-sector firms unless `regulatedSector` says
    /// otherwise. With `grantAgreement` the partner gets, in the same transaction, one open-ended
    /// data-sharing agreement ("default at registration") for every current gateway its standing
    /// may invoke; without it the partner can submit nothing until `occ agreements add`.
    public func add(
        name: String, sector: Sector, regulatedSector: Bool? = nil, publicAuthority: Bool = false,
        grantAgreement: Bool = true, actor: String = "operator"
    ) async throws -> PartnerRecord {
        let regulated = regulatedSector ?? (sector == .finance)
        return try await pool.transaction { connection in
            let insert = PartnerQueries.insert.binding(name, sector.rawValue, regulated, publicAuthority)
            guard let row = try await connection.query(insert).single else {
                throw PostgresError(.protocolViolation, queryName: "partners_insert", reason: "no row returned")
            }
            let partner = try Self.partner(row)
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "partner.added", subjectType: "partner", subjectID: String(partner.id),
                detail: ["sector": sector.rawValue, "regulated_sector": String(regulated), "public_authority": String(publicAuthority)]),
                on: connection)
            guard grantAgreement else { return partner }
            let standing = PartnerStanding(sector: sector, regulatedSector: regulated, publicAuthority: publicAuthority, agreedGateways: [])
            let registry = try await connection.query(GatewayQueries.all).map(LawfulGateway.init(row:))
            let gateways = GatewayPermission.invocable(by: standing, among: registry, now: Date())
            if !gateways.isEmpty {
                _ = try await AgreementRegistry.add(
                    partnerID: partner.id, reference: "default at registration", gateways: gateways, validFrom: nil,
                    validTo: nil, actor: actor, on: connection)
            }
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
