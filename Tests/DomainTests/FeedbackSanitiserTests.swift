import Domain
import Foundation
import Testing

@Suite struct FeedbackSanitiserTests {
    private let now = date("2026-04-01T12:00:00Z")
    private let telco = FeedbackRecipient(
        partnerID: "telco-1", referralID: "ref-telco", contributedIndicatorKeys: ["phone:+447700900123"])
    private let amber = HandlingMarkings(tlp: .amber, sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly, handlingCode: .permitted)

    private func outcome(embargoUntil: String? = nil, kind: OutcomeKind = .charged) throws -> Outcome {
        var body: [String: JSONValue] = [
            "kind": .string(kind.rawValue),
            "disruptions": .array([
                .object(["kind": .string("block_number"), "indicator_key": .string("phone:+447700900123")]),
                .object(["kind": .string("freeze_account"), "indicator_key": .string("uk_bank_account:12-34-56 98765432")]),
            ]),
            "money_protected": .object(["amount": .string("15000"), "currency": .string("GBP")]),
            "partner_note": .string("Two suspects charged; thank you for the early referral."),
        ]
        if kind == .charged { body["home_office_code"] = .integer(1) }
        if let embargoUntil { body["embargo_until"] = .string(embargoUntil) }
        return try OutcomeValidator.validate(json: .object(body), recordedAt: date("2026-03-20T10:00:00Z")).get()
    }

    @Test func underEmbargoOnlyBeingActioned() throws {
        let item = FeedbackSanitiser.feedback(
            for: telco, outcome: try outcome(embargoUntil: "2026-06-01T00:00:00Z"), referralMarkings: amber, now: now)
        #expect(item.status == .beingActioned)
        #expect(item.message == "Received and being actioned.")
        #expect(item.outcome == nil && item.homeOfficeCode == nil && item.note == nil && item.moneyProtected == nil)
        #expect(item.disruptions.isEmpty)
        let encoded = String(decoding: try JSONEncoder().encode(item), as: UTF8.self)
        #expect(!encoded.contains("embargo") && !encoded.contains("charged") && !encoded.contains("+4477"))
    }

    @Test func afterEmbargoTheOutcomeIsSharedWithANewID() throws {
        let embargoed = try outcome(embargoUntil: "2026-06-01T00:00:00Z")
        let during = FeedbackSanitiser.feedback(for: telco, outcome: embargoed, referralMarkings: amber, now: now)
        let after = FeedbackSanitiser.feedback(
            for: telco, outcome: embargoed, referralMarkings: amber, now: date("2026-06-01T00:00:01Z"))
        #expect(after.status == .outcomeRecorded)
        #expect(after.outcome == .charged)
        #expect(after.homeOfficeCode?.code == 1)
        #expect(after.id != during.id)
        #expect(FeedbackSanitiser.feedback(for: telco, outcome: embargoed, referralMarkings: amber, now: now).id == during.id)
    }

    @Test func neverEchoesOtherPartnersIndicators() throws {
        let item = FeedbackSanitiser.feedback(for: telco, outcome: try outcome(), referralMarkings: amber, now: now)
        #expect(item.message == "Outcome recorded: Charged or summonsed.")
        #expect(item.disruptions == [
            try JSONValue.object(["kind": .string("block_number"), "indicator_key": .string("phone:+447700900123")])
                .decode(FeedbackDisruption.self),
            try JSONValue.object(["kind": .string("freeze_account")]).decode(FeedbackDisruption.self),
        ])
        let encoded = String(decoding: try JSONEncoder().encode(item), as: UTF8.self)
        #expect(!encoded.contains("98765432"))
        #expect(!encoded.contains("bank"))
        #expect(item.partnerID == "telco-1" && item.referralID == "ref-telco")
    }

    @Test func redMaterialIsNeverEchoedEvenToItsSource() throws {
        let red = HandlingMarkings(tlp: .red, sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly, handlingCode: .permitted)
        let item = FeedbackSanitiser.feedback(for: telco, outcome: try outcome(), referralMarkings: red, now: now)
        #expect(item.disruptions.allSatisfy { $0.indicatorKey == nil })
        #expect(item.tlp == .red)
        #expect(FeedbackSanitiser.feedback(for: telco, outcome: try outcome(), referralMarkings: amber, now: now).tlp == .amber)
        let clear = HandlingMarkings(tlp: .clear, sourceEvaluation: .untested, intelligenceAssessment: .notKnown, handlingCode: .permitted)
        #expect(FeedbackSanitiser.feedback(for: telco, outcome: try outcome(), referralMarkings: clear, now: now).tlp == .amber)
    }

    @Test func openInvestigationIsOnlyBeingActioned() throws {
        let item = FeedbackSanitiser.feedback(
            for: telco, outcome: try outcome(kind: .underInvestigation), referralMarkings: amber, now: now)
        #expect(item.status == .beingActioned)
        #expect(item.outcome == nil)
    }

    @Test func feedbackRoundTripsThroughJSON() throws {
        let item = FeedbackSanitiser.feedback(for: telco, outcome: try outcome(), referralMarkings: amber, now: now)
        #expect(try JSONDecoder().decode(FeedbackItem.self, from: JSONEncoder().encode(item)) == item)
    }
}
