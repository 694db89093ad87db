import Domain
import Foundation
import Postgres
import Queue
import ServiceKit

/// Withdraws a partner's own referral. This is the one place a withdrawal happens: in one
/// transaction it records it (`referral_withdrawals`, which enrichment, tasking and the agency
/// API read), publishes revoked versions of the referral's STIX indicators and sightings to the
/// partner's TAXII collection, enqueues `unlink_referral` for enrichment and audits
/// `referral.withdrawn` and announces it to the partner's webhook endpoint (`referral.withdrawn`).
struct ReferralWithdrawer: Sendable {
    let pool: PostgresPool
    let queue: JobQueue

    init(pool: PostgresPool) {
        self.pool = pool
        self.queue = JobQueue(pool: pool)
    }

    enum Result: Sendable {
        case withdrawn(WithdrawalReceipt)
        case alreadyWithdrawn(at: Date)
        case notFound
    }

    func withdraw(_ referralID: UUID, partnerID: Int64, withdrawal: ReferralWithdrawal, keyID: String, traceID: String) async throws -> Result {
        try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            guard let row = try await connection.query(WithdrawalQueries.insert.binding(referralID, partnerID, withdrawal.reason, keyID)).single
            else {
                let state = try await connection.query(WithdrawalQueries.state.binding(referralID, partnerID)).single
                guard let at = try state?.decode(Date?.self, "withdrawn_at") else { return .notFound }
                return .alreadyWithdrawn(at: at)
            }
            let at = try row.decode(Date.self, "withdrawn_at")
            let published = try await connection.query(WithdrawalQueries.publishedObjects.binding(partnerID, referralID))
            let revoked = try published.compactMap { STIXExport.revoked(try JSONValue(parsing: Data(try $0.decode(String.self, "object").utf8)), at: at) }
            var statements: [PostgresQuery] = []
            if !revoked.isEmpty {
                statements.append(TAXIIPublication.insert(revoked.map { .init($0, referralID: referralID) }, partnerID: partnerID, collection: .referrals))
            }
            statements += try queue.insertStatements([JobInsert(
                UnlinkReferral(referralID: referralID),
                options: InsertOptions(queue: UnlinkReferral.queue, uniqueKey: "unlink_referral:\(referralID.uuidString.lowercased())",
                                       metadata: ["trace_id": traceID]))])
            statements += try AuditLog.appendStatements([AuditEvent(
                actor: "partner:\(partnerID)", action: "referral.withdrawn", subjectType: "referral",
                subjectID: referralID.uuidString.lowercased(), traceID: traceID,
                detail: ["key_id": keyID, "revoked_objects": String(revoked.count)])])
            _ = try await connection.pipeline(statements)
            let receipt = WithdrawalReceipt(referralID: referralID, withdrawnAt: at, reason: withdrawal.reason, revokedObjects: revoked.count)
            try await announce(.referralWithdrawn, source: "referral:\(referralID.uuidString.lowercased())", partnerID: partnerID,
                               payload: receipt, traceID: traceID, on: connection)
            return .withdrawn(receipt)
        }
    }
}
