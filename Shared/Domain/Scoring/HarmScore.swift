import Foundation

/// A deterministic harm score from 0 to 100, the sum of five capped components:
///
/// | component | points | formula |
/// |---|---|---|
/// | loss | 0–35 | `35 × min(1, log10(1 + L) / 6)`, L = loss in GBP (£1m or more scores 35; £1k ≈ 17.5) |
/// | victims | 0–20 | `20 × min(1, log10(1 + n) / 3)`, n = victim count (1,000 or more scores 20) |
/// | vulnerability | 0–15 | none 0; vulnerable with level low 5, medium 10, high 15; level unstated 10 |
/// | corroboration | 0–20 | `10 × min(1, (p − 1) / 4) + 10 × min(1, (s − 1) / 3)`, p partners, s sectors |
/// | recency | 0–10 | `10 × 0.5^(d / 30)`, d = days from last seen to `now` (a 30-day half-life) |
///
/// The total is rounded half away from zero. Loss in GBP is taken as is. Another currency is
/// converted with the caller's `ratesToGBP` (GBP per unit) when it has a rate; without one
/// the face amount is scored but the loss component is capped at half (17.5), because a loss
/// of unknown size is real harm of unknown scale. Every component rises (or, for age,
/// falls) monotonically with its input, and the same inputs always give the same score.
public struct HarmScore: Sendable, Hashable, Codable {
    public let value: Int
    public let loss: Double
    public let victims: Double
    public let vulnerability: Double
    public let corroboration: Double
    public let recency: Double

    public static func compute(
        loss: Money?, victims: Victims?, corroboration: Corroboration, lastSeen: Date, now: Date,
        ratesToGBP: [String: Double] = [:]
    ) -> HarmScore {
        let lossPoints = lossComponent(loss, ratesToGBP: ratesToGBP)
        let victimPoints = 20 * min(1, log10(1 + Double(max(0, victims?.count ?? 0))) / 3)
        let vulnerabilityPoints = vulnerabilityComponent(victims)
        let partners = Double(corroboration.distinctPartners - 1)
        let sectors = Double(corroboration.distinctSectors - 1)
        let corroborationPoints = 10 * min(1, partners / 4) + 10 * min(1, sectors / 3)
        let ageDays = max(0, now.timeIntervalSince(lastSeen)) / 86_400
        let recencyPoints = 10 * pow(0.5, ageDays / 30)
        let total = lossPoints + victimPoints + vulnerabilityPoints + corroborationPoints + recencyPoints
        return HarmScore(
            value: min(100, max(0, Int(total.rounded(.toNearestOrAwayFromZero)))),
            loss: lossPoints, victims: victimPoints, vulnerability: vulnerabilityPoints,
            corroboration: corroborationPoints, recency: recencyPoints)
    }

    /// Scores a validated referral; last seen is its time window's end, else when it arrived.
    public static func compute(
        _ referral: ValidReferral, corroboration: Corroboration, receivedAt: Date, now: Date,
        ratesToGBP: [String: Double] = [:]
    ) -> HarmScore {
        compute(
            loss: referral.loss, victims: referral.victims, corroboration: corroboration,
            lastSeen: referral.timeWindow?.lastSeen ?? receivedAt, now: now, ratesToGBP: ratesToGBP)
    }

    private static func lossComponent(_ loss: Money?, ratesToGBP: [String: Double]) -> Double {
        guard let loss else { return 0 }
        let scaled: (Double) -> Double = { 35 * min(1, log10(1 + max(0, $0)) / 6) }
        if loss.currency == "GBP" { return scaled(loss.approximateMajorUnits) }
        if let rate = ratesToGBP[loss.currency] { return scaled(loss.approximateMajorUnits * rate) }
        return min(17.5, scaled(loss.approximateMajorUnits))
    }

    private static func vulnerabilityComponent(_ victims: Victims?) -> Double {
        guard let victims, victims.vulnerable else { return 0 }
        switch victims.vulnerabilityLevel {
        case .low: return 5
        case .medium, nil: return 10
        case .high: return 15
        }
    }

    private enum CodingKeys: String, CodingKey {
        case value, loss, victims, vulnerability, corroboration, recency
    }
}
