import Domain
import Foundation
import Postgres

/// Review and disposal of referrals whose review date has passed (docs/retention.md).
///
/// A batch is claimed (`FOR UPDATE SKIP LOCKED`, held referrals left out), disposed of with
/// set-based statements — revoked versions of its TAXII objects, links, sightings and the
/// counters that counted them, network membership, indicators, feedback, outcome notes, then the
/// referral itself — and audited, one
/// event per referral naming its rule, all in the caller's one transaction: a batch is disposed
/// of whole or not at all, so a process killed mid-batch leaves nothing half-disposed and the
/// next run takes the same referrals again. `asOf` is the job's clock.
public struct RetentionDisposer: Sendable {
    /// Who the audit events name: `service:retention` for the job, `operator` for `occ retention run`.
    public let actor: String

    /// Record classes the job disposes of on their own; the others go with their referral.
    public static let referralClasses = ["referral_untasked", "referral_tasked", "referral_judicial"]
    /// Webhook deliveries: disposed of on their own, by their rule, once delivered or dead.
    public static let deliveryClass = "webhook_deliveries"

    public init(actor: String) {
        self.actor = actor
    }

    /// Everything due at `asOf`, held referrals included and marked.
    public func due(asOf: Date, recordClass: String?, limit: Int, on connection: PostgresConnection) async throws -> [Disposal] {
        try await connection.query(RetentionReferralQueries.listDue.binding(asOf, recordClass, limit)).map(Disposal.init)
    }

    /// What a run at `asOf` would dispose of, in its order; changes nothing.
    public func plan(asOf: Date, recordClass: String?, limit: Int, on connection: PostgresConnection) async throws -> [Disposal] {
        try await connection.query(RetentionReferralQueries.planDue.binding(asOf, recordClass, limit)).map(Disposal.init)
    }

    /// Claims and disposes of up to `limit` due referrals inside the caller's transaction.
    public func disposeBatch(asOf: Date, recordClass: String?, limit: Int, on connection: PostgresConnection) async throws -> [Disposal] {
        let batch = try await connection.query(RetentionReferralQueries.claimDue.binding(asOf, recordClass, limit)).map(Disposal.init)
        let anonymised = batch.filter { $0.action == .anonymise }.map(\.referralID)
        let reviewed = batch.filter { $0.action == .review }.map(\.referralID)
        var revoked: [UUID: Int] = [:]
        if !anonymised.isEmpty {
            revoked = try await revokeTAXIIObjects(anonymised, asOf: asOf, on: connection)
            try await anonymise(anonymised, asOf: asOf, on: connection)
        }
        if !reviewed.isEmpty { try await connection.query(RetentionReferralQueries.requestReview.binding(reviewed, asOf)) }
        try await AuditLog.append(batch.map { $0.auditEvent(actor: actor, at: asOf, taxiiRevoked: revoked[$0.referralID] ?? 0) }, on: connection)
        return batch
    }

    /// Runs batches of `batchSize`, each in its own transaction, until fewer than a batch are due
    /// or `limit` are done; calls `done` after each commit. Webhook deliveries past their period
    /// go too, a batch at a time, when `recordClass` is nil or `webhook_deliveries`. Returns the
    /// referrals disposed of.
    public func run(
        asOf: Date, recordClass: String?, limit: Int, batchSize: Int, pool: PostgresPool,
        done: ([Disposal]) -> Void = { _ in }
    ) async throws -> Int {
        var total = 0
        var referrals = recordClass != Self.deliveryClass && limit > 0
        var deliveries = recordClass == nil || recordClass == Self.deliveryClass
        while referrals || deliveries {
            let size = min(batchSize, limit - total)
            let (batch, deleted) = try await pool.transaction { connection in
                (referrals ? try await disposeBatch(asOf: asOf, recordClass: recordClass, limit: size, on: connection) : [],
                 deliveries ? try await disposeDeliveries(asOf: asOf, limit: batchSize, on: connection) : 0)
            }
            total += batch.count
            done(batch)
            referrals = referrals && batch.count == size && total < limit
            deliveries = deliveries && deleted == batchSize
        }
        return total
    }

    private func anonymise(_ ids: [UUID], asOf: Date, on connection: PostgresConnection) async throws {
        try await connection.query(RetentionCorrelationQueries.deleteLinks.binding(ids))
        let keys = Array(Set(try await connection.query(RetentionCorrelationQueries.deleteSightings.binding(ids))
            .map { try $0.decode(String.self, "key") })).sorted()
        if !keys.isEmpty {
            try await connection.query(RetentionCorrelationQueries.recountIndicators.binding(keys))
            try await connection.query(RetentionCorrelationQueries.deleteIndicators.binding(keys))
            try await connection.query(RetentionCorrelationQueries.deleteIndicatorPartners.binding(keys))
        }
        let networks = Array(Set(try await connection.query(RetentionCorrelationQueries.deleteMembers.binding(ids))
            .map { try $0.decode(Int64.self, "network_id") })).sorted()
        if !networks.isEmpty {
            try await connection.query(RetentionCorrelationQueries.deleteNetworkKeys.binding(networks, keys))
            try await connection.query(RetentionCorrelationQueries.deleteNetworkPartners.binding(networks))
            try await connection.query(RetentionCorrelationQueries.recountNetworks.binding(networks))
        }
        try await connection.query(RetentionCorrelationQueries.clearScores.binding(ids))
        try await connection.query(RetentionCorrelationQueries.deleteReferralIndicators.binding(ids))
        try await connection.query(RetentionOutcomeQueries.deleteFeedback.binding(ids))
        try await connection.query(RetentionOutcomeQueries.stripOutcomes.binding(ids))
        try await connection.query(RetentionReferralQueries.anonymise.binding(ids, asOf))
    }
}
