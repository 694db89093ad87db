import Domain
import Foundation
import Postgres

/// Data-sharing agreements as the operator CLI and tests manage them. Every change is audited.
/// An agreement may list only gateways the partner's standing may invoke: the registry says who
/// may invoke what, the agreement which of those this partner has signed up to.
public struct AgreementRegistry: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func list(partnerID: Int64? = nil) async throws -> [AgreementRecord] {
        let query = partnerID.map { AgreementQueries.forPartner.binding($0) } ?? AgreementQueries.all
        return try await pool.query(query).map(Self.agreement)
    }

    public func add(
        partnerID: Int64, reference: String, gateways: [GatewayCode], validFrom: Date? = nil, validTo: Date? = nil,
        actor: String = "operator"
    ) async throws -> AgreementRecord {
        try await pool.transaction { connection in
            try await Self.add(
                partnerID: partnerID, reference: reference, gateways: gateways, validFrom: validFrom, validTo: validTo,
                actor: actor, on: connection)
        }
    }

    /// The insert and its checks inside the caller's transaction (partner registration grants one too).
    static func add(
        partnerID: Int64, reference: String, gateways: [GatewayCode], validFrom: Date?, validTo: Date?, actor: String,
        on connection: PostgresConnection
    ) async throws -> AgreementRecord {
        guard !gateways.isEmpty else { throw RegistryRefusal("an agreement needs at least one gateway") }
        guard (1...100).contains(reference.count) else { throw RegistryRefusal("the reference must be 1 to 100 characters") }
        let codes = Array(Set(gateways.map(\.rawValue))).sorted()
        let unusable = try await connection.query(AgreementQueries.gatewaysUnknownOrRetired.binding(codes))
            .map { try $0.decode(String.self, "code") }
        guard unusable.isEmpty else { throw RegistryRefusal("unknown or retired gateway \(unusable.joined(separator: ", "))") }
        guard let standingRow = try await connection.query(AgreementQueries.partnerStanding.binding(partnerID)).single else {
            throw RegistryRefusal("no partner \(partnerID)")
        }
        let standing = try Self.standing(standingRow)
        let registry = try await connection.query(GatewayQueries.all).map(LawfulGateway.init(row:))
        let refused = registry.filter { codes.contains($0.code.rawValue) && !$0.invokers.admit(standing) }
        guard refused.isEmpty else {
            throw RegistryRefusal(refused.map { "a \(standing.sector.rawValue) partner may not invoke \($0.code) (invoked by \($0.invokers.description))" }
                .joined(separator: "; "))
        }
        guard let row = try await connection.query(AgreementQueries.insert.binding(partnerID, reference, codes, validFrom, validTo)).single else {
            throw PostgresError(.protocolViolation, queryName: "sharing_agreements_insert", reason: "no row returned")
        }
        let agreement = try agreement(row)
        try await AuditLog.append(AuditEvent(
            actor: actor, action: "agreement.added", subjectType: "partner", subjectID: String(partnerID),
            detail: ["agreement": String(agreement.id), "reference": reference, "gateways": codes.joined(separator: ",")]),
            on: connection)
        return agreement
    }

    /// Ends an agreement now; nil when there is no such agreement, or it had already ended.
    public func end(id: Int64, actor: String = "operator") async throws -> AgreementRecord? {
        try await pool.transaction { connection in
            guard let row = try await connection.query(AgreementQueries.end.binding(id)).single else { return nil }
            let agreement = try Self.agreement(row)
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "agreement.ended", subjectType: "partner", subjectID: String(agreement.partnerID),
                detail: ["agreement": String(id)]), on: connection)
            return agreement
        }
    }

    /// A partner's standing without agreements (which the invoker check does not need).
    static func standing(_ row: PostgresRow) throws -> PartnerStanding {
        guard let sector = Sector(rawValue: try row.decode(String.self, "sector")) else {
            throw PostgresError(.decoding, queryName: "partners_standing", reason: "unknown sector in database")
        }
        return PartnerStanding(
            sector: sector, regulatedSector: try row.decode(Bool.self, "regulated_sector"),
            publicAuthority: try row.decode(Bool.self, "public_authority"), agreedGateways: [])
    }

    static func agreement(_ row: PostgresRow) throws -> AgreementRecord {
        AgreementRecord(
            id: try row.decode(Int64.self, "id"), partnerID: try row.decode(Int64.self, "partner_id"),
            reference: try row.decode(String.self, "reference"),
            gateways: try row.decode([String].self, "gateways").map(GatewayCode.init(rawValue:)),
            validFrom: try row.decode(Date.self, "valid_from"), validTo: try row.decode(Date?.self, "valid_to"))
    }
}
