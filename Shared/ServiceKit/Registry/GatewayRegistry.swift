import Domain
import Foundation
import Postgres

/// The lawful-gateway registry as the operator CLI and tests manage it. Every change is audited.
/// Gateways are never deleted (referrals cite them); a retired one accepts no new referrals.
public struct GatewayRegistry: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func list() async throws -> [LawfulGateway] {
        try await pool.query(GatewayQueries.all).map(LawfulGateway.init(row:))
    }

    public func gateway(_ code: GatewayCode) async throws -> LawfulGateway? {
        try await pool.query(GatewayQueries.byCode.binding(code.rawValue)).single.map(LawfulGateway.init(row:))
    }

    /// Adds a gateway; nil when the code is taken. Unknown agency codes are refused by name.
    public func add(_ gateway: LawfulGateway, actor: String = "operator") async throws -> LawfulGateway? {
        try await pool.transaction { connection in
            if let agencies = gateway.permittedAgencies {
                let unknown = try await connection.query(GatewayQueries.unknownAgencies.binding(agencies.map(\.rawValue)))
                    .map { try $0.decode(String.self, "code") }
                guard unknown.isEmpty else { throw RegistryRefusal("unknown agency \(unknown.joined(separator: ", "))") }
            }
            let insert = GatewayQueries.insert.binding(
                gateway.code.rawValue, gateway.title, gateway.citation, gateway.invokers.sectors.sorted().map(\.rawValue),
                gateway.invokers.regulatedSector, gateway.invokers.publicAuthority,
                gateway.permittedAgencies.map { $0.sorted().map(\.rawValue) }, gateway.onwardDisclosure)
            guard let row = try await connection.query(insert).single else { return nil }
            let added = try LawfulGateway(row: row)
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "gateway.added", subjectType: "gateway", subjectID: added.code.rawValue,
                detail: ["invokers": added.invokers.description,
                         "permitted_agencies": added.permittedAgencies.map { $0.sorted().map(\.rawValue).joined(separator: ",") } ?? "any"]),
                on: connection)
            return added
        }
    }

    /// Retires a gateway now (it stays readable); nil when there is no such gateway.
    public func retire(_ code: GatewayCode, actor: String = "operator") async throws -> LawfulGateway? {
        try await pool.transaction { connection in
            guard let row = try await connection.query(GatewayQueries.retire.binding(code.rawValue)).single else { return nil }
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "gateway.retired", subjectType: "gateway", subjectID: code.rawValue), on: connection)
            return try LawfulGateway(row: row)
        }
    }
}
