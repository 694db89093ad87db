import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Writes referrals: the referral, its indicators, an audit record and the enrichment job commit
/// together or not at all.
///
/// Single referrals go through a group commit: requests arriving while earlier ones are being
/// written share the next transaction, so one durable commit serves many partners at once.
struct ReferralStore: Sendable {
    let pool: PostgresPool
    let queue: JobQueue
    private let batches: GroupCommit<IncomingReferral, StoreOutcome>

    init(pool: PostgresPool, maxBatch: Int = 64, maxConcurrentBatches: Int = 2) {
        self.pool = pool
        let queue = JobQueue(pool: pool)
        self.queue = queue
        batches = GroupCommit(maxBatch: maxBatch, maxConcurrentBatches: maxConcurrentBatches) { referrals in
            await Self.storeBatch(referrals, pool: pool, queue: queue)
        }
    }

    /// Stores one referral; a replay or conflict writes nothing.
    func store(_ referral: IncomingReferral) async throws -> StoreOutcome {
        try await batches.submit(referral)
    }

    /// Stores several referrals of one partner in one transaction: all of them, or none on a conflict.
    func storeAll(_ referrals: [IncomingReferral], partnerID: Int64) async throws -> [StoreOutcome] {
        do {
            return try await pool.transaction { connection in
                let outcomes = try await Self.insert(referrals, on: connection, queue: queue)
                if let conflict = outcomes.first(where: \.isConflict) { throw ConflictRollback(outcome: conflict) }
                return outcomes
            }
        } catch let rollback as ConflictRollback {
            return [rollback.outcome]
        }
    }

    /// One transaction for the batch. If it fails, each referral is tried alone, so one bad
    /// referral (or a deadlock between batches) never fails the others.
    private static func storeBatch(_ referrals: [IncomingReferral], pool: PostgresPool, queue: JobQueue) async -> [Result<StoreOutcome, any Error>] {
        do {
            return try await pool.transaction { try await insert(referrals, on: $0, queue: queue) }.map { .success($0) }
        } catch {
            guard referrals.count > 1 else { return [.failure(error)] }
        }
        var results: [Result<StoreOutcome, any Error>] = []
        for referral in referrals {
            do {
                results.append(.success(try await pool.transaction { try await insert([referral], on: $0, queue: queue)[0] }))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Inserts within the caller's transaction; replays and conflicts write nothing.
    /// Every referral's partner scope, row and indicators go in one pipelined round trip (the
    /// indicator insert is conditional on the referral row, so a replay inserts nothing); then the
    /// enrichment jobs in one statement and the audit records in one chained append.
    private static func insert(_ referrals: [IncomingReferral], on connection: PostgresConnection, queue: JobQueue) async throws -> [StoreOutcome] {
        let ids = referrals.map { _ in UUID() }
        var statements: [PostgresQuery] = []
        var insertPositions: [Int] = []
        for (referral, id) in zip(referrals, ids) {
            statements.append(PostgresConnection.partnerScopeQuery(referral.partnerID))
            insertPositions.append(statements.count)
            statements.append(try insertQuery(referral, id: id))
            if !referral.valid.indicators.isEmpty { statements.append(indicatorsQuery(referral, id: id)) }
        }
        let results = try await connection.pipeline(statements)
        var outcomes: [StoreOutcome] = []
        var created: [Int] = []
        for (index, referral) in referrals.enumerated() {
            if let row = results[insertPositions[index]].single {
                outcomes.append(.created(try receipt(row)))
                created.append(index)
            } else {
                outcomes.append(try await existing(referral, on: connection))
            }
        }
        guard !created.isEmpty else { return outcomes }
        let jobs = try created.map { index in
            try JobInsert(EnrichReferral(referralID: ids[index]),
                      options: InsertOptions(queue: EnrichReferral.queue, metadata: ["trace_id": referrals[index].traceID]))
        }
        _ = try await queue.enqueueMany(jobs, on: connection)
        try await AuditLog.append(created.map { index in
            let referral = referrals[index]
            return AuditEvent(
                actor: "partner:\(referral.partnerID)", action: "referral.received", subjectType: "referral",
                subjectID: ids[index].uuidString.lowercased(), traceID: referral.traceID,
                detail: ["reference": outcomes[index].receipt.reference, "channel": referral.channel.rawValue,
                         "indicators": String(referral.valid.indicators.count)])
        }, on: connection)
        return outcomes
    }

    private static func existing(_ referral: IncomingReferral, on connection: PostgresConnection) async throws -> StoreOutcome {
        try await connection.scopeToPartner(referral.partnerID)
        let query = ReferralQueries.byPartnerReference.binding(referral.partnerID, referral.valid.partnerReference)
        guard let row = try await connection.query(query).single else {
            throw PostgresError(.protocolViolation, queryName: query.name, reason: "conflicting referral vanished")
        }
        let receipt = try Self.receipt(row)
        let sameContent = try row.decode(String.self, "fingerprint") == referral.fingerprint
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
