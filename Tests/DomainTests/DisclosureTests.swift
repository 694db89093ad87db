import Domain
import Foundation
import Testing

/// The decision point, rule by rule (the former FeedbackSanitiser's cases are here too).
@Suite struct DisclosureTests {
    private let now = date("2026-04-01T12:00:00Z")
    private static let amber = HandlingMarkings(tlp: .amber, sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly, handlingCode: .permitted)
    private static let redC = HandlingMarkings(
        tlp: .red, sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly, handlingCode: .conditions,
        handlingConditions: "Do not disclose to any other industry partner")
    private static let bankKey = "uk_bank_account:12-34-56 98765432"
    private static let phoneKey = "phone:+447700900123"

    private static func source(_ partner: String, _ markings: HandlingMarkings = amber, keys: Set<String> = []) -> DisclosureSource {
        DisclosureSource(referralID: "ref-\(partner)", partnerID: partner, partnerName: "\(partner.capitalized) plc", markings: markings, indicatorKeys: keys)
    }

    private let bank = source("bank", keys: [bankKey])
    private let telco = source("telco", keys: [phoneKey])

    private func outcome(embargoUntil: String? = nil, kind: OutcomeKind = .charged) throws -> Outcome {
        var body: [String: JSONValue] = [
            "kind": .string(kind.rawValue),
            "disruptions": .array([
                .object(["kind": .string("block_number"), "indicator_key": .string(Self.phoneKey)]),
                .object(["kind": .string("freeze_account"), "indicator_key": .string(Self.bankKey)]),
            ]),
            "money_protected": .object(["amount": .string("15000"), "currency": .string("GBP")]),
            "partner_note": .string("Two suspects charged; thank you for the early referral."),
        ]
        if kind == .charged { body["home_office_code"] = .integer(1) }
        if let embargoUntil { body["embargo_until"] = .string(embargoUntil) }
        return try OutcomeValidator.validate(json: .object(body), recordedAt: date("2026-03-20T10:00:00Z")).get()
    }

    /// The bank's referral actioned; the telco's linked to it.
    private func decide(
        _ outcome: Outcome, for recipient: DisclosureSource, actioned: DisclosureSource? = nil, note: NoteRelease = .held,
        policy: ReleasePolicy = .defaults, hops: Int = 1, at instant: Date? = nil, outcomeID: Int64 = 1
    ) -> DisclosureDecision {
        let actioned = actioned ?? bank
        let linked = [bank, telco].filter { $0.referralID != actioned.referralID }
        let disclosure = DisclosureCase(outcomeID: outcomeID, outcome: outcome, note: note, actioned: actioned, linked: linked, latestNetworkEmbargo: outcome.embargoUntil)
        return Disclosure.decide(disclosure, for: DisclosureRecipient(referral: recipient, hops: recipient == actioned ? 0 : hops), policy: policy, now: instant ?? now)
    }

    @Test func underEmbargoOnlyBeingActioned() throws {
        let decision = decide(try outcome(embargoUntil: "2026-06-01T00:00:00Z"), for: telco)
        let item = try #require(decision.item)
        #expect(decision.verdict == .releaseRedacted && decision.reasons == [.networkEmbargo])
        #expect(item.status == .beingActioned && item.message == "Received and being actioned.")
        #expect(item.outcome == nil && item.homeOfficeCode == nil && item.note == nil && item.moneyProtected == nil)
        #expect(item.disruptions.isEmpty && item.corroboratedBy.isEmpty)
        let encoded = String(decoding: try JSONEncoder().encode(item), as: UTF8.self)
        #expect(!encoded.contains("embargo") && !encoded.contains("charged") && !encoded.contains("+4477"))
    }

    @Test func afterEmbargoTheOutcomeIsSharedWithANewID() throws {
        let embargoed = try outcome(embargoUntil: "2026-06-01T00:00:00Z")
        let during = try #require(decide(embargoed, for: telco).item)
        let after = try #require(decide(embargoed, for: telco, at: date("2026-06-01T00:00:01Z")).item)
        #expect(after.status == .outcomeRecorded && after.outcome == .charged && after.homeOfficeCode?.code == 1)
        #expect(after.id != during.id)
        #expect(decide(embargoed, for: telco).item?.id == during.id)
    }

    /// Two outcomes that read alike for a recipient (same kind, same instant, same network) are two
    /// items: one could otherwise be taken for a redelivery of the other and never stored.
    @Test func outcomesThatReadAlikeGetTheirOwnItems() throws {
        let first = try #require(decide(try outcome(), for: telco, outcomeID: 7).item)
        let second = try #require(decide(try outcome(), for: telco, outcomeID: 8).item)
        #expect(first.message == second.message && first.issuedAt == second.issuedAt)
        #expect(first.id != second.id)
        #expect(decide(try outcome(), for: telco, outcomeID: 7).item?.id == first.id)
    }

    @Test func anotherTaskingsEmbargoHoldsThisOutcomeBack() throws {
        let disclosure = DisclosureCase(
            outcomeID: 1, outcome: try outcome(), note: .none, actioned: bank, linked: [telco], latestNetworkEmbargo: date("2026-05-01T00:00:00Z"))
        #expect(disclosure.embargoLifts(after: now) == date("2026-05-01T00:00:00Z"))
        for recipient in [DisclosureRecipient(referral: bank, hops: 0), DisclosureRecipient(referral: telco, hops: 1)] {
            let decision = Disclosure.decide(disclosure, for: recipient, policy: .defaults, now: now)
            #expect(decision.item?.status == .beingActioned && decision.reasons == [.networkEmbargo])
        }
        #expect(disclosure.embargoLifts(after: date("2026-05-01T00:00:00Z")) == nil)
    }

    @Test func linkedPartnersGetWhatThePolicyAllows() throws {
        let item = try #require(decide(try outcome(), for: telco).item)
        #expect(item.message == "Outcome recorded: Charged or summonsed.")
        #expect(item.disruptions.map(\.kind) == [.blockNumber, .freezeAccount])
        #expect(item.disruptions.map(\.indicatorKey) == [Self.phoneKey, nil])
        #expect(item.moneyProtected == nil && item.note == nil && item.corroboratedBy.isEmpty)
        #expect(decide(try outcome(), for: telco).reasons == [.noteHeld, .policyWithholdsIdentities, .policyWithholdsMoney])
        let open = ReleasePolicy(recipientHopLimit: 1, linkedPartnerMoney: true, linkedPartnerDisruptionKinds: false, partnerIdentities: true)
        let opened = decide(try outcome(), for: telco, note: .approved("Charged."), policy: open)
        #expect(opened.item?.moneyProtected?.amount == "15000.00" && opened.item?.note == "Charged.")
        #expect(opened.item?.corroboratedBy == ["Bank plc"])
        #expect(opened.item?.disruptions.map(\.kind) == [.blockNumber])
        #expect(opened.reasons == [.policyWithholdsDisruptions])
        let encoded = String(decoding: try JSONEncoder().encode(try #require(decide(try outcome(), for: telco).item)), as: UTF8.self)
        #expect(!encoded.contains("98765432") && !encoded.contains("Bank"))
    }

    @Test func theActionedPartnerGetsEverythingButUnapprovedNotes() throws {
        let decision = decide(try outcome(), for: bank, note: .approved("Two suspects charged."))
        let item = try #require(decision.item)
        #expect(item.moneyProtected?.amount == "15000.00" && item.note == "Two suspects charged.")
        #expect(item.disruptions.map(\.indicatorKey) == [nil, Self.bankKey])
        #expect(decision.reasons == [.policyWithholdsIdentities])
        #expect(decide(try outcome(), for: bank, note: .refused).item?.note == nil)
        #expect(decide(try outcome(), for: bank, note: .refused).reasons.contains(.noteRefused))
    }

    @Test func redWithConditionsReachesOnlyItsOwnPartner() throws {
        let red = Self.source("alpha", Self.redC, keys: [Self.phoneKey])
        let own = decide(try outcome(), for: red, actioned: red, note: .approved("Charged."))
        #expect(own.item?.tlp == .red && own.item?.handlingCode == .conditions)
        #expect(own.item?.handlingConditions == "Do not disclose to any other industry partner")
        #expect(own.item?.status == .outcomeRecorded)
        #expect(own.item?.disruptions.allSatisfy { $0.indicatorKey == nil } == true)
        let other = decide(try outcome(), for: telco, actioned: red, note: .approved("Charged."))
        #expect(other.verdict == .releaseRedacted && other.reasons == [.sourceRed])
        #expect(other.item?.status == .beingActioned && other.item?.tlp == .amber && other.item?.handlingCode == .permitted)
        #expect(other.revealedReferralIDs == [telco.referralID])
        let strict = Self.source("alpha", HandlingMarkings(tlp: .amberStrict, sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly, handlingCode: .permitted))
        #expect(decide(try outcome(), for: telco, actioned: strict).reasons == [.sourceAmberStrict])
        let conditions = Self.source("alpha", HandlingMarkings(
            tlp: .green, sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly, handlingCode: .conditions, handlingConditions: "LE only"))
        #expect(decide(try outcome(), for: telco, actioned: conditions).reasons == [.handlingConditions])
    }

    @Test func recipientsBeyondTheHopLimitGetNothing() throws {
        let decision = decide(try outcome(), for: telco, hops: 2)
        #expect(decision.verdict == .withhold && decision.item == nil && decision.reasons == [.beyondHopLimit])
        var wider = ReleasePolicy.defaults
        wider.recipientHopLimit = 2
        #expect(decide(try outcome(), for: telco, policy: wider, hops: 2).item?.status == .outcomeRecorded)
    }

    @Test func theMarkingIsTheStrictestOfTheSourcesAndAtLeastAmber() throws {
        let redTelco = Self.source("telco", HandlingMarkings(tlp: .red, sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly, handlingCode: .permitted), keys: [Self.phoneKey])
        #expect(decide(try outcome(), for: redTelco).item?.tlp == .red)
        #expect(decide(try outcome(), for: redTelco).item?.disruptions.allSatisfy { $0.indicatorKey == nil } == true)
        let clear = Self.source("telco", HandlingMarkings(tlp: .clear, sourceEvaluation: .untested, intelligenceAssessment: .notKnown, handlingCode: .permitted))
        #expect(decide(try outcome(), for: clear).item?.tlp == .amber)
    }

    @Test func openInvestigationIsOnlyBeingActioned() throws {
        let decision = decide(try outcome(kind: .underInvestigation), for: telco)
        #expect(decision.item?.status == .beingActioned && decision.item?.outcome == nil && decision.reasons == [.inProgress])
    }

    @Test func feedbackRoundTripsThroughJSON() throws {
        let item = try #require(decide(try outcome(), for: bank, note: .approved("Charged."), policy: .init(settings: ["partner_identities": "allow"])).item)
        #expect(try JSONDecoder().decode(FeedbackItem.self, from: JSONEncoder().encode(item)) == item)
        #expect(Disclosure.isAddressed(item, to: "bank") && !Disclosure.isAddressed(item, to: "telco"))
    }

    @Test func policySettingsAreValidatedAndAMissingRowIsStrict() {
        #expect(ReleasePolicy(settings: ReleasePolicy.defaults.settings.reduce(into: [:]) { $0[$1.key.rawValue] = $1.value }) == .defaults)
        #expect(ReleasePolicy(settings: [:]) == ReleasePolicy(recipientHopLimit: 1, linkedPartnerMoney: false, linkedPartnerDisruptionKinds: false, partnerIdentities: false))
        #expect(ReleasePolicy(settings: ["recipient_hop_limit": "9", "partner_identities": "yes"]).recipientHopLimit == 1)
        #expect(ReleasePolicy.validate(.recipientHopLimit, " 2 ") == .success("2"))
        #expect(ReleasePolicy.validate(.recipientHopLimit, "0") == .failure(.init(description: "recipient_hop_limit must be a whole number from 1 to 3")))
        #expect(ReleasePolicy.validate(.linkedPartnerMoney, "ALLOW") == .success("allow"))
        #expect(ReleasePolicy.validate(.partnerIdentities, "maybe") == .failure(.init(description: "partner_identities must be allow or withhold")))
    }
}
