import Domain
import Foundation
import HTTP
import Postgres

/// Turning a validated referral into statement parameters.
extension ReferralStore {
    static func insertQuery(_ referral: IncomingReferral, id: UUID) throws -> PostgresQuery {
        let valid = referral.valid
        let markings = valid.markings
        let raw = String(decoding: try JSONCoding.encoder().encode(referral.submission), as: UTF8.self)
        return ReferralQueries.insert.binding(
            id, referral.partnerID, valid.partnerReference, referral.fingerprint, valid.crimeType.rawValue, valid.summary,
            valid.timeWindow?.firstSeen, valid.timeWindow?.lastSeen, valid.victims?.count, valid.victims?.vulnerable,
            valid.victims?.vulnerabilityLevel?.rawValue, valid.loss?.amount, valid.loss?.currency, valid.overseas,
            valid.gateway.rawValue, markings.tlp.rawValue, markings.sourceEvaluation.rawValue,
            markings.intelligenceAssessment.rawValue, markings.handlingCode.rawValue, markings.handlingConditions,
            referral.channel.rawValue, referral.traceID, referral.canonicalText, raw)
    }

    /// One row per canonical indicator, with the text the partner wrote for it.
    static func indicatorsQuery(_ referral: IncomingReferral, id: UUID) -> PostgresQuery {
        let submitted = submittedText(referral.submission.indicators ?? [])
        var positions: [Int] = [], kinds: [String] = [], values: [String] = [], canonical: [String] = []
        var keys: [String] = [], aliases: [String] = []
        for (position, indicator) in referral.valid.indicators.enumerated() {
            positions.append(position)
            kinds.append(indicator.kind.rawValue)
            values.append(submitted[indicator.key] ?? indicator.value)
            canonical.append(indicator.value)
            keys.append(indicator.key)
            aliases.append(indicator.aliases.joined(separator: "\u{1F}"))
        }
        return ReferralIndicatorQueries.insertMany.binding(
            id, referral.partnerID, positions, kinds, values, canonical, keys, aliases)
    }

    /// Canonical key → the first submitted text with that key (the validator keeps the first of duplicates).
    private static func submittedText(_ submissions: [IndicatorSubmission]) -> [String: String] {
        let normaliser = IndicatorNormaliser()
        var result: [String: String] = [:]
        for submission in submissions {
            guard case .success(let indicator) = normaliser.normalise(submission), result[indicator.key] == nil else { continue }
            let text = submission.value
                ?? [submission.sortCode, submission.accountNumber].compactMap { $0 }.joined(separator: " ")
            result[indicator.key] = text
        }
        return result
    }
}
