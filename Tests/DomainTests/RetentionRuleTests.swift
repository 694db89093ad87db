import Domain
import Foundation
import Testing

@Suite("Retention rules, periods and holds as operators write them")
struct RetentionRuleTests {
    @Test("periods: a number and a unit, at most a century", arguments: [
        ("6y", "6 years"), ("18m", "18 months"), ("2w", "2 weeks"), ("90d", "90 days"), ("100y", "100 years"), ("1200m", "1200 months"),
    ])
    func periods(text: String, interval: String) {
        #expect(RetentionPeriod(text)?.intervalText == interval)
        #expect(RetentionPeriod(text)?.description == text)
    }

    @Test("bad periods are refused", arguments: ["", "y", "6", "0y", "-1y", "6 y", "6Y", "101y", "1300m", "99999d", "6years", "1.5y", "６y"])
    func badPeriods(text: String) {
        #expect(RetentionPeriod(text) == nil)
    }

    @Test("a good rule is accepted as written")
    func goodRule() throws {
        let draft = try RetentionRuleDraft.check(
            id: "tasked-cyber", recordClass: "referral_tasked", crimeType: "cyber", period: "3y", action: "anonymise",
            legalBasis: "DPA 2018 s.39 [check]", source: "Policy").get()
        #expect(draft.period.intervalText == "3 years" && draft.action == .anonymise && draft.crimeType == "cyber")
        #expect((try? RetentionRuleDraft.check(
            id: "x", recordClass: "referral_tasked", crimeType: "fraud.app_romance", period: "1d", action: "review",
            legalBasis: "b", source: "s").get()) != nil)
    }

    @Test("every wrong field is named at once")
    func everyProblem() {
        let result = RetentionRuleDraft.check(
            id: "Bad Id", recordClass: "Referral-Tasked", crimeType: "theft", period: "6 years", action: "shred",
            legalBasis: " ", source: String(repeating: "s", count: 501))
        guard case .failure(let problems) = result else {
            Issue.record("accepted a bad rule")
            return
        }
        #expect(problems.problems.map(\.field) == ["id", "class", "crime-type", "period", "action", "legal-basis", "source"])
        #expect(problems.description.hasPrefix("--id must be"))
    }

    @Test("crime types: a family or a family's type", arguments: [
        ("fraud", true), ("cyber", true), ("fraud.app_romance", true), ("cyber.ransomware", true), ("fraud.", false),
        ("theft", false), ("fraud.App", false), ("fraud.a.b", false), ("frauds", false),
    ])
    func crimeTypes(text: String, accepted: Bool) {
        let result = RetentionRuleDraft.check(
            id: "r", recordClass: "referral_tasked", crimeType: text, period: "1y", action: "review", legalBasis: "b", source: "s")
        #expect(((try? result.get()) != nil) == accepted)
    }

    @Test("holds need a reason and an end in the future, if any")
    func holds() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect((try? LegalHoldDraft.check(reason: "Operation Kestrel", until: nil, now: now).get()) != nil)
        #expect((try? LegalHoldDraft.check(reason: "Operation Kestrel", until: now.addingTimeInterval(1), now: now).get()) != nil)
        #expect(LegalHoldDraft.check(reason: "  x  ", until: nil, now: now) == .failure(.reason))
        #expect(LegalHoldDraft.check(reason: String(repeating: "r", count: 1001), until: nil, now: now) == .failure(.reason))
        #expect(LegalHoldDraft.check(reason: "Operation Kestrel", until: now, now: now) == .failure(.untilNotFuture))
    }
}
