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

    /// Places a hold inside the caller's transaction (the agency API checks its scope first).
    public func place(
        _ draft: LegalHoldDraft, on subject: LegalHold.Subject, placedBy: String, agencyCode: String?, connection: PostgresConnection
    ) async throws -> LegalHold? {
        let (referral, network): (UUID?, Int64?) = switch subject {
        case .referral(let id): (id, nil)
        case .network(let id): (nil, id)
        }
        guard let row = try await connection.query(LegalHoldQueries.place.binding(
            referral, network, draft.reason, placedBy, agencyCode, draft.until)).single else { return nil }
        let hold = try LegalHold(row)
        try await AuditLog.append(AuditEvent(
            actor: placedBy, action: "legal_hold.placed", subjectType: "legal_hold", subjectID: String(hold.id),
            detail: ["on": hold.subjectText, "until": draft.until.map(Timestamp.format) ?? "until released"]), on: connection)
        return hold
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
