import Domain
import Foundation
import Postgres
import Queue
import ServiceKit

/// Writes referrals: the referral, its indicators, an audit record and the enrichment job commit
/// together or not at all.
struct ReferralStore: Sendable {
    let pool: PostgresPool
    let queue: JobQueue

    init(pool: PostgresPool) {
        self.pool = pool
        queue = JobQueue(pool: pool)
    }

    /// Stores one referral in its own transaction; a conflict writes nothing.
    func store(_ referral: IncomingReferral) async throws -> StoreOutcome {
        do {
            return try await pool.transaction { connection in
                let outcome = try await insert(referral, on: connection, scoping: true)
                if case .conflict = outcome { throw ConflictRollback(outcome: outcome) }
                return outcome
            }
        } catch let rollback as ConflictRollback {
            return rollback.outcome
        }
    }

    /// Stores several referrals of one partner in one transaction: all of them, or none on a conflict.
    func storeAll(_ referrals: [IncomingReferral], partnerID: Int64) async throws -> [StoreOutcome] {
        do {
            return try await pool.transaction { connection in
                try await connection.scopeToPartner(partnerID)
                var outcomes: [StoreOutcome] = []
                for referral in referrals {
                    let outcome = try await insert(referral, on: connection, scoping: false)
                    if case .conflict = outcome { throw ConflictRollback(outcome: outcome) }
                    outcomes.append(outcome)
                }
                return outcomes
            }
        } catch let rollback as ConflictRollback {
            return [rollback.outcome]
        }
    }

    /// Inserts within the caller's transaction, or reports a replay or conflict without writing.
    /// The partner scope (when `scoping`), the referral and its indicators go in one pipelined round
    /// trip; the indicator insert is conditional on the referral row, so a replay inserts nothing.
    private func insert(_ referral: IncomingReferral, on connection: PostgresConnection, scoping: Bool) async throws -> StoreOutcome {
        let id = UUID()
        let valid = referral.valid
        var statements = scoping ? [PostgresConnection.partnerScopeQuery(referral.partnerID)] : []
        statements.append(try Self.insertQuery(referral, id: id))
        let referralIndex = statements.count - 1
        if !valid.indicators.isEmpty { statements.append(Self.indicatorsQuery(referral, id: id)) }
        let results = try await connection.pipeline(statements)
        guard let row = results[referralIndex].single else { return try await existing(referral, on: connection) }
        let receipt = try Self.receipt(row)
        try await queue.enqueue(
            EnrichReferral(referralID: id),
            options: InsertOptions(queue: EnrichReferral.queue, metadata: ["trace_id": referral.traceID]),
            on: connection)
        try await AuditLog.append(AuditEvent(
            actor: "partner:\(referral.partnerID)", action: "referral.received", subjectType: "referral",
            subjectID: id.uuidString.lowercased(), traceID: referral.traceID,
            detail: ["reference": receipt.reference, "channel": referral.channel.rawValue,
                     "indicators": String(valid.indicators.count)]), on: connection)
        return .created(receipt)
    }

    private func existing(_ referral: IncomingReferral, on connection: PostgresConnection) async throws -> StoreOutcome {
        let query = ReferralQueries.byPartnerReference.binding(referral.partnerID, referral.valid.partnerReference)
        guard let row = try await connection.query(query).single else {
            throw PostgresError(.protocolViolation, queryName: query.name, reason: "conflicting referral vanished")
        }
        let receipt = try Self.receipt(row)
        let sameContent = try row.decode(String.self, "fingerprint") == referral.valid.fingerprint
        return sameContent ? .replayed(receipt) : .conflict(receipt)
    }

    static func receipt(_ row: PostgresRow) throws -> ReferralReceipt {
        ReferralReceipt(
            id: try row.decode(String.self, "id"), reference: try row.decode(String.self, "reference"),
            partnerReference: try row.decode(String.self, "partner_reference"),
            status: try row.decode(String.self, "status"), receivedAt: try row.decode(Date.self, "received_at"))
    }

    /// Carries a conflict out of the transaction closure so the transaction rolls back.
    private struct ConflictRollback: Error {
        let outcome: StoreOutcome
    }
}
