import Domain
import Foundation
import Testing

@Suite struct ValueTypesTests {
    @Test func timestampsParseOffsetsAndFractions() {
        #expect(Timestamp.parse("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
        #expect(Timestamp.parse("2026-03-01T10:30:00+01:30") == Timestamp.parse("2026-03-01T09:00:00Z"))
        #expect(Timestamp.parse("2026-03-01T09:00:00-05:00") == Timestamp.parse("2026-03-01T14:00:00Z"))
        #expect(Timestamp.parse("2024-02-29T23:59:59.5Z")?.timeIntervalSince1970 == 1_709_251_199.5)
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_709_251_199.5)) == "2024-02-29T23:59:59.500Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
    }

    @Test(arguments: [
        "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01 00:00:00Z",
        "2026-01-01T00:00:00", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00+0100", "yesterday",
    ])
    func timestampsRejectNonsense(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func moneyUsesTheCurrencysMinorUnits() {
        let max: Int64 = 1_000_000_000_000
        #expect((try? Money.parse(amount: "500", currency: "JPY", maximumMajorUnits: max).get())?.amount == "500")
        #expect((try? Money.parse(amount: "1.5", currency: "BHD", maximumMajorUnits: max).get())?.amount == "1.500")
        #expect((try? Money.parse(amount: "007.1", currency: "EUR", maximumMajorUnits: max).get())?.amount == "7.10")
        #expect((try? Money.parse(amount: "1000000000000.00", currency: "GBP", maximumMajorUnits: max).get())?.minorUnits
            == 100_000_000_000_000)
        #expect(Money.parse(amount: "1.5", currency: "JPY", maximumMajorUnits: max) == .failure(.amount("has 1 decimal places; JPY allows 0")))
        if case .success = Money.parse(amount: "1.", currency: "GBP", maximumMajorUnits: max) { Issue.record("1. accepted") }
        if case .success = Money.parse(amount: "1e3", currency: "GBP", maximumMajorUnits: max) { Issue.record("1e3 accepted") }
        if case .success = Money.parse(amount: "", currency: "GBP", maximumMajorUnits: max) { Issue.record("empty accepted") }
    }

    @Test func moneyDecodingRevalidates() {
        #expect(throws: DecodingError.self) {
            try JSONValue.object(["amount": .string("12,00"), "currency": .string("GBP")]).decode(Money.self)
        }
    }

    @Test func canonicalJSONIsSortedAndEscaped() throws {
        let value = try JSONValue(parsing: Data(#"{"b": [1, 2.5, true, null], "a": "x\"y\n\u0001", "é": {}}"#.utf8))
        #expect(value.canonicalText == #"{"a":"x\"y\n\u0001","b":[1,2.5,true,null],"é":{}}"#)
    }

    @Test func tlpLabelsAndOrder() {
        #expect(TLP(label: "tlp:amber+strict") == .amberStrict)
        #expect(TLP(label: "WHITE") == .clear)
        #expect(TLP(label: "purple") == nil)
        #expect(TLP.allCases.sorted() == [.clear, .green, .amber, .amberStrict, .red])
        #expect(STIXMarkings.tlp(forMarkingID: STIXMarkings.markingID(for: .red)) == .red)
    }

    @Test func crimeTaxonomyFamilies() {
        #expect(CrimeType.allCases.filter { $0.family == .cyber }.allSatisfy { $0.rawValue.hasPrefix("cyber.") })
        #expect(CrimeType(rawValue: "fraud.courier")?.family == .fraud)
        #expect(GatewayCode(checking: "cca_2013_s7")?.rawValue == "cca_2013_s7")
        #expect(GatewayCode(checking: "CCA 2013") == nil)
        #expect(GatewayCode(checking: "x") == nil)
    }
}
