import Domain
import Foundation
import Postgres

/// Legal holds: placed and released only here, always audited; listed for oversight.
public struct LegalHoldRegistry: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Places a hold; nil when the referral or network does not exist.
    public func place(
        _ draft: LegalHoldDraft, on subject: LegalHold.Subject, placedBy: String, agencyCode: String? = nil
    ) async throws -> LegalHold? {
        try await pool.transaction { try await place(draft, on: subject, placedBy: placedBy, agencyCode: agencyCode, connection: $0) }
    }

    /// Places a hold inside the caller's transaction, audited as `actor`.
    public func place(
        _ draft: LegalHoldDraft, on subject: LegalHold.Subject, placedBy: String, agencyCode: String?, connection: PostgresConnection
    ) async throws -> LegalHold? {
        guard let hold = try await Self.insert(draft, on: subject, placedBy: placedBy, agencyCode: agencyCode, connection: connection) else {
            return nil
        }
        try await AuditLog.append(AuditEvent(
            actor: placedBy, action: "legal_hold.placed", subjectType: "legal_hold", subjectID: String(hold.id),
            detail: hold.auditDetail), on: connection)
        return hold
    }

    /// Inserts a hold in the caller's transaction, which audits it (the agency API names the
    /// officer and their purpose); nil when the referral or network is not there to hold.
    public static func insert(
        _ draft: LegalHoldDraft, on subject: LegalHold.Subject, placedBy: String, agencyCode: String?, connection: PostgresConnection
    ) async throws -> LegalHold? {
        let query = switch subject {
        case .referral(let id): LegalHoldQueries.placeOnReferral.binding(id, draft.reason, placedBy, agencyCode, draft.until)
        case .network(let id): LegalHoldQueries.placeOnNetwork.binding(id, draft.reason, placedBy, agencyCode, draft.until)
        }
        return try await connection.query(query).single.map(LegalHold.init)
    }

    /// Releases a hold in force; nil when there is none with this id.
    public func release(_ id: Int64, by actor: String) async throws -> LegalHold? {
        try await pool.transaction { connection in
            guard let row = try await connection.query(LegalHoldQueries.release.binding(id, actor)).single else { return nil }
            let hold = try LegalHold(row)
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "legal_hold.released", subjectType: "legal_hold", subjectID: String(id),
                detail: ["on": hold.subjectText]), on: connection)
            return hold
        }
    }

    /// Holds in force at `asOf`, or every hold with `all`.
    public func list(asOf: Date, all: Bool) async throws -> [LegalHold] {
        try await pool.query(LegalHoldQueries.list.binding(asOf, all)).map(LegalHold.init)
    }
}
