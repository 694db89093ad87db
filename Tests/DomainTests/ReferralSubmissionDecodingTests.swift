import Domain
import Foundation
import Testing

@Suite struct ReferralSubmissionDecodingTests {
    @Test func wrongTypesBecomeFieldPathErrorsAlongsideValidationErrors() throws {
        let body = Data("""
            {
              "partner_reference": 42,
              "crime_type": "fraud.unknown",
              "summary": ["not", "text"],
              "victims": {"count": "three"},
              "loss": {"amount": 12.5, "currency": "GBX"},
              "indicators": [
                {"kind": "phone", "value": "07700900123"},
                "not-an-object",
                {"kind": "iban", "value": "GB82WEST12345698765433", "colour": "red"}
              ],
              "gateway": "GDPR",
              "markings": {"tlp": "AMBER", "source_evaluation": "2", "intelligence_assessment": "B", "handling_code": "C"},
              "sumary": "typo"
            }
            """.utf8)
        let submission = try JSONDecoder().decode(ReferralSubmission.self, from: body)
        guard case .failure(let failure) = ReferralValidator.validate(submission) else {
            Issue.record("expected failure")
            return
        }
        #expect(Set(failure.errors.map(\.description)) == [
            "partner_reference: expected a string, got a number",
            "summary: expected a string, got an array",
            "victims.count: expected an integer, got a string",
            "loss.amount: must be a decimal string such as \"1250.00\", not a JSON number",
            "loss.currency: not an ISO 4217 currency code (e.g. GBP, EUR, USD)",
            "indicators[1]: expected an object, got a string",
            "indicators[2].colour: unknown field",
            "indicators[2].value: not a valid IBAN checksum",
            "markings.source_evaluation: expected an integer, got a string",
            "sumary: unknown field",
            "crime_type: unknown crime type 'fraud.unknown'; expected one of "
                + CrimeType.allCases.map(\.rawValue).joined(separator: ", "),
            "gateway: not a gateway code 'GDPR'; expected lower-case letters, digits and underscores such as cca_2013_s7",
            "markings.handling_conditions: required when handling code is C",
        ])
        #expect(failure.errors.count == 13)
    }

    @Test func nonObjectBodyIsOneRootError() throws {
        let submission = try JSONDecoder().decode(ReferralSubmission.self, from: Data("[1, 2]".utf8))
        guard case .failure(let failure) = ReferralValidator.validate(submission) else {
            Issue.record("expected failure")
            return
        }
        #expect(failure.errors.map(\.description) == ["$: expected an object, got an array"])
    }

    @Test func malformedJSONIsADecodingErrorForA400() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ReferralSubmission.self, from: Data("{\"partner_reference\": ".utf8))
        }
    }

    @Test func submissionRoundTripsThroughJSON() throws {
        let original = validSubmission()
        let data = try JSONEncoder().encode(original)
        let decoded = try JSONDecoder().decode(ReferralSubmission.self, from: data)
        #expect(decoded == original)
        #expect(decoded.decodingProblems.isEmpty)
        let json = try JSONValue(parsing: data)
        #expect(json["markings"]?["handling_code"] == .string("P"))
        #expect(json["indicators"]?.arrayValue?[1]["sort_code"] == .string("12-34-56"))
    }

    @Test func fieldErrorsEncodeWithFieldAndPointer() throws {
        let error = FieldError(FieldPath.root.appending("indicators").appending(index: 2).appending("value"), "not a valid IBAN checksum")
        let json = try JSONValue(encoding: ValidationFailure([error]))
        #expect(json["errors"]?.arrayValue?.first == .object([
            "field": .string("indicators[2].value"),
            "pointer": .string("/indicators/2/value"),
            "message": .string("not a valid IBAN checksum"),
        ]))
        #expect(try JSONValue(encoding: error).decode(FieldError.self) == error)
    }

    @Test func validReferralRoundTripsThroughJSON() throws {
        let referral = try ReferralValidator.validate(validSubmission()).get()
        let data = try JSONEncoder().encode(referral)
        #expect(try JSONDecoder().decode(ValidReferral.self, from: data) == referral)
        let json = try JSONValue(parsing: data)
        #expect(json["time_window"]?["first_seen"] == .string("2026-02-01T09:00:00.000Z"))
        #expect(json["loss"] == .object(["amount": .string("12500.50"), "currency": .string("GBP")]))
        #expect(json["crime_type"] == .string("fraud.app_impersonation"))
    }
}
