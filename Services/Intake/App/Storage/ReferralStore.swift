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
                let inserted = try await Self.insertRows(referrals, on: connection)
                if let conflict = inserted.outcomes.first(where: \.isConflict) { throw ConflictRollback(outcome: conflict) }
                try await connection.pipelineAndCommit(try Self.followUps(inserted, referrals, queue: queue))
                return inserted.outcomes
            }
        } catch let rollback as ConflictRollback {
            return [rollback.outcome]
        }
    }

    /// One transaction for the batch. If it fails, each referral is tried alone, so one bad
    /// referral (or a deadlock between batches) never fails the others.
    private static func storeBatch(_ referrals: [IncomingReferral], pool: PostgresPool, queue: JobQueue) async -> [Result<StoreOutcome, any Error>] {
        do {
            return try await write(referrals, pool: pool, queue: queue).map { .success($0) }
        } catch {
            guard referrals.count > 1 else { return [.failure(error)] }
        }
        var results: [Result<StoreOutcome, any Error>] = []
        for referral in referrals {
            do {
                results.append(.success(try await write([referral], pool: pool, queue: queue)[0]))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// The whole transaction in two round trips: BEGIN with every row, then the enrichment jobs and
    /// the audit records with COMMIT. Replays and conflicts write nothing (and cost one lookup).
    private static func write(_ referrals: [IncomingReferral], pool: PostgresPool, queue: JobQueue) async throws -> [StoreOutcome] {
        try await pool.transaction { connection in
            let inserted = try await insertRows(referrals, on: connection)
            try await connection.pipelineAndCommit(try followUps(inserted, referrals, queue: queue))
            return inserted.outcomes
        }
    }

    /// What the row inserts did: an outcome per referral, which were created, under which ids.
    private struct InsertedRows {
        let ids: [UUID]
        var outcomes: [StoreOutcome] = []
        var created: [Int] = []
    }

    /// Every referral's partner scope, row and indicators in one pipelined round trip (with the
    /// transaction's BEGIN). The indicator insert is conditional on the referral row, so a replay
    /// inserts nothing.
    private static func insertRows(_ referrals: [IncomingReferral], on connection: PostgresConnection) async throws -> InsertedRows {
        var inserted = InsertedRows(ids: referrals.map { _ in UUID() })
        var statements: [PostgresQuery] = []
        var insertPositions: [Int] = []
        var scope: Int64?
        for (referral, id) in zip(referrals, inserted.ids) {
            // The scope lasts to the end of the transaction: set it only when the partner changes.
            if scope != referral.partnerID {
                statements.append(PostgresConnection.partnerScopeQuery(referral.partnerID))
                scope = referral.partnerID
            }
            insertPositions.append(statements.count)
            statements.append(try insertQuery(referral, id: id))
            if !referral.valid.indicators.isEmpty { statements.append(indicatorsQuery(referral, id: id)) }
        }
        let results = try await connection.pipeline(statements)
        for (index, referral) in referrals.enumerated() {
            if let row = results[insertPositions[index]].single {
                inserted.outcomes.append(.created(try receipt(row)))
                inserted.created.append(index)
            } else {
                inserted.outcomes.append(try await existing(referral, on: connection))
            }
        }
        return inserted
    }

    /// The enrichment jobs and audit records of the created referrals, as statements to pipeline.
    private static func followUps(_ inserted: InsertedRows, _ referrals: [IncomingReferral], queue: JobQueue) throws -> [PostgresQuery] {
        guard !inserted.created.isEmpty else { return [] }
        let jobs = try inserted.created.map { index in
            try JobInsert(EnrichReferral(referralID: inserted.ids[index]),
                          options: InsertOptions(queue: EnrichReferral.queue, metadata: ["trace_id": referrals[index].traceID]))
        }
        let events = inserted.created.map { index in
            let referral = referrals[index]
            return AuditEvent(
                actor: "partner:\(referral.partnerID)", action: "referral.received", subjectType: "referral",
                subjectID: inserted.ids[index].uuidString.lowercased(), traceID: referral.traceID,
                detail: ["reference": inserted.outcomes[index].receipt.reference, "channel": referral.channel.rawValue,
                         "indicators": String(referral.valid.indicators.count), "gateway": referral.valid.gateway.rawValue])
        }
        return try queue.insertStatements(jobs) + AuditLog.appendStatements(events) + publications(inserted, referrals)
    }

    /// Each created referral's indicators and sightings in its partner's TAXII collection, in the
    /// same transaction as the referral (docs/taxii.md): one insert per partner of the group commit,
    /// in the order the referrals arrived, so the collection's preamble is written (or found) once.
    private static func publications(_ inserted: InsertedRows, _ referrals: [IncomingReferral]) -> [PostgresQuery] {
        let now = Date()
        var entries = PartnerGroups<TAXIIPublication.Entry>()
        for index in inserted.created {
            let referral = referrals[index], id = inserted.ids[index]
            guard !referral.valid.indicators.isEmpty else { continue }
            let objects = STIXExport.referralObjects(
                referralID: id.uuidString, reference: inserted.outcomes[index].receipt.reference, indicators: referral.valid.indicators,
                tlp: referral.valid.markings.tlp, timeWindow: referral.valid.timeWindow, at: now)
            entries.append(contentsOf: objects.map { .init($0, referralID: id) }, for: referral.partnerID)
        }
        return entries.groups.flatMap { partner, objects in
            [PostgresConnection.partnerScopeQuery(partner),
             TAXIIPublication.insert(objects, partnerID: partner, collection: .referrals)]
        }
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
