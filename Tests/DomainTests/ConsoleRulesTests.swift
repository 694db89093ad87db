import Domain
import Foundation
import Testing

@Suite("Console: RAG rules, the oversight floor, trends and periods")
struct ConsoleRulesTests {
    @Test("a higher-is-better rule rates at and between its thresholds, and says so in words")
    func higherIsBetter() throws {
        let rule = try RAGRule(measure: "sla_compliance_pct", better: .higher, green: 90, amber: 75)
        #expect(rule.status(of: 90) == .green && rule.status(of: 100) == .green)
        #expect(rule.status(of: 89.9) == .amber && rule.status(of: 75) == .amber)
        #expect(rule.status(of: 74.9) == .red)
        #expect(rule.status(of: nil) == nil)
        #expect(rule.text == "Green at 90 or more; amber at 75 or more; red below 75.")
    }

    @Test("a lower-is-better rule rates counts, and fractions print only when there are some")
    func lowerIsBetter() throws {
        let rule = try RAGRule(measure: "backlog", better: .lower, green: 0, amber: 2.5)
        #expect(rule.status(of: 0) == .green && rule.status(of: 1) == .amber && rule.status(of: 2.5) == .amber && rule.status(of: 3) == .red)
        #expect(rule.text == "Green at 0 or fewer; amber at 2.5 or fewer; red above 2.5.")
        #expect(RAGStatus.allCases.map(\.label) == ["Green", "Amber", "Red"])
    }

    @Test("inverted thresholds, unknown measures and non-finite numbers are refused")
    func invalid() {
        #expect(throws: RAGRule.Invalid.inverted(.higher)) { try RAGRule(measure: "sla_compliance_pct", better: .higher, green: 70, amber: 80) }
        #expect(throws: RAGRule.Invalid.inverted(.lower)) { try RAGRule(measure: "backlog", better: .lower, green: 10, amber: 5) }
        #expect(throws: RAGRule.Invalid.unknownMeasure("volume")) { try RAGRule(measure: "volume", better: .lower, green: 1, amber: 2) }
        #expect(throws: RAGRule.Invalid.notFinite) { try RAGRule(measure: "backlog", better: .lower, green: 0, amber: .infinity) }
    }

    @Test("counts below the floor, zero included, show as <floor")
    func floor() {
        let floor = SuppressionFloor.standard
        #expect(floor.display(0) == "<5" && floor.display(4) == "<5" && floor.display(5) == "5" && floor.display(120) == "120")
        #expect(!floor.allows(4) && floor.allows(5))
        #expect(SuppressionFloor(0).value == 1)
    }

    @Test("trends say which way and by how much, in words")
    func trends() {
        #expect(Trend(current: 7, previous: 4).text == "up 3")
        #expect(Trend(current: 80, previous: 92.5).text == "down 12.5")
        #expect(Trend(current: 3, previous: 3).text == "no change")
        #expect(Trend(current: nil, previous: 3).text == "no comparison")
    }

    @Test("a period is whole UTC days, 28 up to today by default, the previous period of the same length before it")
    func periods() throws {
        let today = try #require(ISO8601DateFormatter().date(from: "2026-03-10T00:00:00Z"))
        let standard = try ConsolePeriod.parse(from: nil, to: nil, today: today).get()
        #expect(standard.fromText == "2026-02-11" && standard.toText == "2026-03-11")
        let given = try ConsolePeriod.parse(from: "2026-01-01", to: "2026-02-01", today: today).get()
        #expect(given.previous.fromText == "2025-12-01" && given.previous.toText == "2026-01-01")
        let bad = ConsolePeriod.parse(from: "2026-02-30", to: "tomorrow", today: today)
        #expect(throws: (any Error).self) { try bad.get() }
        if case .failure(let failure) = bad { #expect(failure.errors.map(\.path.description).sorted() == ["from", "to"]) }
        if case .failure(let failure) = ConsolePeriod.parse(from: "2026-02-01", to: "2026-01-01", today: today) {
            #expect(failure.errors.map(\.message) == ["must be later than from"])
        } else {
            Issue.record("an inverted period was accepted")
        }
        #expect((try? ConsolePeriod.parse(from: "2024-01-01", to: "2026-01-01", today: today).get()) == nil)
    }
}
