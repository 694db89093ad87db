import Domain
import Foundation
import Postgres
import ServiceKit

/// Reads a partner's own referrals, inside a transaction scoped to that partner for row-level security.
struct ReferralReader: Sendable {
    let pool: PostgresPool

    func referral(id: UUID, partnerID: Int64) async throws -> ReferralView? {
        try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            guard let row = try await connection.query(ReferralQueries.byID.binding(partnerID, id)).single else { return nil }
            let receipt = try ReferralStore.receipt(row)
            return ReferralView(
                id: receipt.id, reference: receipt.reference, partnerReference: receipt.partnerReference,
                status: receipt.status, channel: try row.decode(String.self, "channel"), receivedAt: receipt.receivedAt,
                referral: try row.decode(PostgresJSON<JSONValue>.self, "canonical").value)
        }
    }

    /// One page of the partner's referral feed.
    func page(partnerID: Int64, poll: PollQuery) async throws -> ReferralPage {
        let rows = try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            return try await connection.query(ReferralQueries.page.binding(
                partnerID, String(poll.after.transaction), poll.after.sequence, poll.since, poll.limit))
        }
        let next = try rows.last?.feedCursor(stream: ReferralPage.stream) ?? poll.after
        return ReferralPage(referrals: try rows.map(ReferralStore.receipt), nextCursor: next.description)
    }
}
