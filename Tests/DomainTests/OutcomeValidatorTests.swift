import Domain
import Foundation
import Testing

@Suite struct OutcomeValidatorTests {
    private let recordedAt = date("2026-03-20T10:00:00Z")

    private func errors(_ json: String) throws -> [String] {
        let value = try JSONValue(parsing: Data(json.utf8))
        guard case .failure(let failure) = OutcomeValidator.validate(json: value, recordedAt: recordedAt) else { return [] }
        return failure.errors.map(\.description)
    }

    @Test func validOutcome() throws {
        let json = try JSONValue(parsing: Data("""
            {"kind": "another_body_dealing", "home_office_code": 20,
             "money_repatriated": {"amount": "250.5", "currency": "GBP"}, "partner_note": " Passed to Action Fraud partner force. "}
            """.utf8))
        let outcome = try OutcomeValidator.validate(json: json, recordedAt: recordedAt).get()
        #expect(outcome.kind == .anotherBodyDealing)
        #expect(outcome.moneyRepatriated?.amount == "250.50")
        #expect(outcome.partnerNote == "Passed to Action Fraud partner force.")
        #expect(!outcome.isEmbargoed(at: recordedAt))
        #expect(try JSONDecoder().decode(Outcome.self, from: JSONEncoder().encode(outcome)) == outcome)
    }

    @Test func everyProblemWithItsPath() throws {
        #expect(try errors("""
            {"kind": "charged", "disruptions": [{"kind": "nuke_site"}, {"kind": "block_number", "indicator_key": "x"}, 3],
             "money_protected": {"amount": "1.234", "currency": "GBP"}, "embargo_until": "2026-03-01T00:00:00Z", "extra": 1}
            """) == [
            "extra: unknown field",
            "disruptions[2]: expected an object, got a number",
            "home_office_code: required for charged: one of 1",
            "disruptions[0].kind: unknown disruption kind 'nuke_site'; expected one of "
                + DisruptionKind.allCases.map(\.rawValue).joined(separator: ", "),
            "disruptions[1].indicator_key: must be an indicator correlation key such as phone:+447700900123",
            "money_protected.amount: has 3 decimal places; GBP allows 2",
            "embargo_until: must be later than the time the outcome is recorded",
        ])
        #expect(try errors(#"{"kind": "charged", "home_office_code": 18}"#)
            == ["home_office_code: 18 does not fit charged; expected one of 1"])
        #expect(try errors(#"{"kind": "disrupted", "home_office_code": 1}"#) == ["home_office_code: not used for disrupted"])
        #expect(try errors(#"{"kind": "charged", "home_office_code": 19}"#) == ["home_office_code: 19 is not a Home Office outcome code"])
        #expect(try errors(#"{"home_office_code": "1"}"#)
            == ["home_office_code: expected an integer, got a string", "kind: required"])
    }

    @Test func disruptionsKnowTheirActingSector() {
        #expect(DisruptionKind.suggestions(for: .phone).first?.actingSector == .telco)
        #expect(DisruptionKind.suggestions(for: .domain).first?.actingSector == .tech)
        #expect(DisruptionKind.suggestions(for: .iban).first?.actingSector == .finance)
        #expect(DisruptionKind.suggestions(for: .fileHash).isEmpty)
        #expect(HomeOfficeOutcomeCode.lookup(18)?.title == "Investigation complete: no suspect identified")
    }
}
