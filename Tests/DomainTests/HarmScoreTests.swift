import Domain
import Foundation
import Testing

@Suite struct HarmScoreTests {
    private let now = date("2026-03-01T12:00:00Z")

    private func gbp(_ amount: String) -> Money {
        guard case .success(let money) = Money.parse(amount: amount, currency: "GBP", maximumMajorUnits: 1_000_000_000_000) else {
            preconditionFailure("bad amount")
        }
        return money
    }

    private func score(
        loss: Money? = nil, victims: Victims? = nil, corroboration: Corroboration = .uncorroborated,
        ageDays: Double = 0, rates: [String: Double] = [:]
    ) -> HarmScore {
        HarmScore.compute(
            loss: loss, victims: victims, corroboration: corroboration,
            lastSeen: now.addingTimeInterval(-ageDays * 86_400), now: now, ratesToGBP: rates)
    }

    @Test func documentedFormulaValues() {
        let nothing = score(ageDays: 10_000)
        #expect(nothing.value == 0)
        let maximal = score(
            loss: gbp("5000000"), victims: Victims(count: 5_000, vulnerable: true, vulnerabilityLevel: .high),
            corroboration: Corroboration(distinctPartners: 9, distinctSectors: 4))
        #expect(maximal.value == 100)
        let typical = score(
            loss: gbp("999"), victims: Victims(count: 9), corroboration: Corroboration(distinctPartners: 3, distinctSectors: 2),
            ageDays: 30)
        // loss 35×3/6 = 17.5, victims 20×1/3 ≈ 6.67, corroboration 5 + 3.33, recency 5 → 37.5
        #expect(abs(typical.loss - 17.5) < 1e-9)
        #expect(abs(typical.recency - 5) < 1e-9)
        #expect(typical.value == 38)
    }

    @Test func monotonicInLoss() {
        let amounts = ["0", "1", "10", "250", "1000", "25000", "999999", "1000000", "50000000"]
        let values = amounts.map { score(loss: gbp($0)).loss }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(values.last == 35)
    }

    @Test func monotonicInVictimsVulnerabilityAndCorroboration() {
        let victimScores = [0, 1, 2, 10, 100, 1_000, 10_000].map { score(victims: Victims(count: $0)).value }
        #expect(zip(victimScores, victimScores.dropFirst()).allSatisfy { $0 <= $1 })
        let levels: [Victims] = [
            Victims(count: 1), Victims(count: 1, vulnerable: true, vulnerabilityLevel: .low),
            Victims(count: 1, vulnerable: true), Victims(count: 1, vulnerable: true, vulnerabilityLevel: .high),
        ]
        let vulnerability = levels.map { score(victims: $0).vulnerability }
        #expect(vulnerability == [0, 5, 10, 15])
        let partners = (1...8).map { score(corroboration: Corroboration(distinctPartners: $0, distinctSectors: 1)).value }
        #expect(zip(partners, partners.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(score(corroboration: Corroboration(distinctPartners: 2, distinctSectors: 2)).value
            > score(corroboration: Corroboration(distinctPartners: 2, distinctSectors: 1)).value)
    }

    @Test func recencyDecaysAndFutureCountsAsNow() {
        let ages: [Double] = [-5, 0, 1, 7, 30, 90, 365]
        let values = ages.map { score(ageDays: $0).recency }
        #expect(values[0] == 10)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test func foreignCurrencyUsesRateOrIsCappedAtHalf() throws {
        guard case .success(let euros) = Money.parse(amount: "2000000", currency: "EUR", maximumMajorUnits: 1_000_000_000_000) else {
            Issue.record("bad amount")
            return
        }
        #expect(score(loss: euros).loss == 17.5)
        #expect(score(loss: euros, rates: ["EUR": 0.85]).loss == 35)
        #expect(score(loss: gbp("2000000")).loss == 35)
    }

    @Test func deterministicForAReferral() throws {
        let referral = try ReferralValidator.validate(validSubmission()).get()
        let corroboration = Corroboration.from([
            IndicatorSighting(key: "phone:+447700900123", partnerID: "telco-1", sector: .telco),
            IndicatorSighting(key: "phone:+447700900123", partnerID: "bank-1", sector: .finance),
            IndicatorSighting(key: "phone:+447700900123", partnerID: "bank-1", sector: .finance),
            IndicatorSighting(key: "uk_bank_account:12-34-56 98765432", partnerID: "bank-1", sector: .finance),
        ])
        #expect(corroboration == Corroboration(distinctPartners: 2, distinctSectors: 2))
        let first = HarmScore.compute(referral, corroboration: corroboration, receivedAt: now, now: now)
        let second = HarmScore.compute(referral, corroboration: corroboration, receivedAt: now, now: now)
        #expect(first == second)
        #expect((0...100).contains(first.value))
        #expect(Corroboration.from([]) == .uncorroborated)
    }
}
