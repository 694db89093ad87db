import Domain
import Foundation
import Postgres
import Queue
import ServiceKit

extension ReferralWithdrawer {
    enum CorrectionResult: Sendable {
        case corrected(CorrectionReceipt)
        case invalid(ValidationFailure)
        case withdrawn(at: Date)
        case notFound
    }

    /// Takes indicators out of a partner's own referral, in one transaction: validates the body
    /// against the referral's indicators (`ReferralCorrection`), records it
    /// (`referral_corrections`, which the agency API shows on taskings), publishes revoked
    /// versions of those indicators and their sightings over TAXII, enqueues `unlink_referral`
    /// for their keys (and aliases), audits `referral.corrected` and announces it to the partner's
    /// webhook endpoint.
    func correct(_ referralID: UUID, partnerID: Int64, json: JSONValue, keyID: String, traceID: String) async throws -> CorrectionResult {
        try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            guard let row = try await connection.query(WithdrawalQueries.correctable.binding(referralID, partnerID)).single else { return .notFound }
            if let at = try row.decode(Date?.self, "withdrawn_at") { return .withdrawn(at: at) }
            let indicators = try JSONDecoder().decode([CanonicalIndicator].self, from: Data(try row.decode(String.self, "indicators").utf8))
            let correction: ReferralCorrection
            switch ReferralCorrection.validate(json: json, keys: Set(indicators.map(\.key))) {
            case .success(let valid): correction = valid
            case .failure(let failure): return .invalid(failure)
            }
            let recorded = try await connection.query(WithdrawalQueries.insertCorrection.binding(
                referralID, partnerID, correction.reason, correction.remove, keyID)).single
            guard let recorded else { throw PostgresError(.protocolViolation, queryName: "referral_corrections_insert", reason: "no row returned") }
            let correctionID = try recorded.decode(Int64.self, "id"), at = try recorded.decode(Date.self, "corrected_at")
            let referral = referralID.uuidString
            let objectIDs = correction.remove.flatMap {
                [STIXExport.referralIndicatorID(referralID: referral, key: $0), STIXExport.referralSightingID(referralID: referral, key: $0)]
            }
            let published = try await connection.query(WithdrawalQueries.latestVersions.binding(partnerID, objectIDs))
            let revoked = try published.compactMap { STIXExport.revoked(try JSONValue(parsing: Data(try $0.decode(String.self, "object").utf8)), at: at) }
            // A removed indicator links through its aliases too (a GB IBAN is also an account).
            let keys = indicators.filter { correction.remove.contains($0.key) }.flatMap { [$0.key] + $0.aliases }
            var statements: [PostgresQuery] = []
            if !revoked.isEmpty {
                statements.append(TAXIIPublication.insert(revoked.map { .init($0, referralID: referralID) }, partnerID: partnerID, collection: .referrals))
            }
            statements += try queue.insertStatements([JobInsert(
                UnlinkReferral(referralID: referralID, keys: keys),
                options: InsertOptions(queue: UnlinkReferral.queue, uniqueKey: "unlink_referral:\(referral.lowercased()):correction:\(correctionID)",
                                       metadata: ["trace_id": traceID]))])
            statements += try AuditLog.appendStatements([AuditEvent(
                actor: "partner:\(partnerID)", action: "referral.corrected", subjectType: "referral", subjectID: referral.lowercased(),
                traceID: traceID,
                detail: ["key_id": keyID, "correction_id": String(correctionID), "removed": String(correction.remove.count),
                         "revoked_objects": String(revoked.count)])])
            _ = try await connection.pipeline(statements)
            let receipt = CorrectionReceipt(
                referralID: referralID, correctionID: correctionID, correctedAt: at, removed: correction.remove, revokedObjects: revoked.count)
            try await announce(.referralCorrected, source: "referral_correction:\(correctionID)", partnerID: partnerID,
                               payload: receipt, traceID: traceID, on: connection)
            return .corrected(receipt)
        }
    }
}
