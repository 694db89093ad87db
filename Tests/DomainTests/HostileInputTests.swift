import Domain
import Foundation
import Testing

@Suite struct HostileInputTests {
    @Test func echoedValuesAreTruncatedInMessages() {
        var submission = validSubmission()
        submission.crimeType = String(repeating: "x", count: 100_000)
        guard case .failure(let failure) = ReferralValidator.validate(submission) else {
            Issue.record("expected failure")
            return
        }
        let message = failure.messages(at: "crime_type").first ?? ""
        #expect(message.hasPrefix("unknown crime type '\(String(repeating: "x", count: 64))…'"))
        #expect(message.count < 600)
    }

    /// Nesting far deeper than any real body is refused by the parser (a 400), not a crash.
    @Test func deeplyNestedJSONIsRefusedNotACrash() {
        let depth = 100_000
        let body = Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
        #expect(throws: (any Error).self) { try JSONValue(parsing: body) }
    }
}
