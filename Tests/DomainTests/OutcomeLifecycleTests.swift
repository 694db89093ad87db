import Domain
import Foundation
import Testing

/// A declined outcome's rationale (required, released to the referrer only) and the closing decision.
@Suite struct OutcomeLifecycleTests {
    private let recordedAt = date("2026-03-20T10:00:00Z")
    private static let amber = HandlingMarkings(tlp: .amber, sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly, handlingCode: .permitted)
    private let bank = DisclosureSource(referralID: "ref-bank", partnerID: "bank", partnerName: "Bank plc", markings: amber, indicatorKeys: [])
    private let telco = DisclosureSource(referralID: "ref-telco", partnerID: "telco", partnerName: "Telco plc", markings: amber, indicatorKeys: [])

    private func validate(_ json: String) throws -> Result<Outcome, ValidationFailure> {
        OutcomeValidator.validate(json: try JSONValue(parsing: Data(json.utf8)), recordedAt: recordedAt)
    }

    private func errors(_ json: String) throws -> [String] {
        guard case .failure(let failure) = try validate(json) else { return [] }
        return failure.errors.map(\.description)
    }

    @Test func declinedNeedsARationaleAndOnlyDeclinedHasOne() throws {
        let required = "rationale: required for declined: why the referral is not taken forward"
        #expect(try errors(#"{"kind": "declined"}"#) == [required])
        #expect(try errors(#"{"kind": "declined", "rationale": "   "}"#) == [required])
        #expect(try errors(#"{"kind": "declined", "rationale": 3}"#) == ["rationale: expected a string, got a number"])
        #expect(try errors(#"{"kind": "disrupted", "rationale": "because"}"#) == ["rationale: only recorded with declined"])
        let outcome = try validate(#"{"kind": "declined", "home_office_code": 21, "rationale": " Below the force threshold. "}"#).get()
        #expect(outcome.rationale == "Below the force threshold.")
        #expect(try JSONDecoder().decode(Outcome.self, from: JSONEncoder().encode(outcome)) == outcome)
    }

    @Test func theRationaleReachesTheReferrerOnly() throws {
        let outcome = try validate(#"{"kind": "declined", "rationale": "Below the force threshold."}"#).get()
        let disclosure = DisclosureCase(outcomeID: 1, outcome: outcome, note: .none, actioned: bank, linked: [telco], latestNetworkEmbargo: nil)
        let now = date("2026-04-01T12:00:00Z")
        let toBank = Disclosure.decide(disclosure, for: DisclosureRecipient(referral: bank, hops: 0), policy: .defaults, now: now)
        #expect(toBank.item?.rationale == "Below the force threshold.")
        #expect(toBank.item?.outcome == .declined)
        let policy = ReleasePolicy(recipientHopLimit: 1, linkedPartnerMoney: true, linkedPartnerDisruptionKinds: true, partnerIdentities: true)
        let toTelco = Disclosure.decide(disclosure, for: DisclosureRecipient(referral: telco, hops: 1), policy: policy, now: now)
        #expect(toTelco.item?.outcome == .declined && toTelco.item?.rationale == nil)
        #expect(toTelco.reasons.contains(.rationaleForReferrerOnly))
    }

    @Test func underEmbargoTheReferrerHearsOnlyTheFloor() throws {
        let outcome = try validate(#"{"kind": "declined", "rationale": "No offence disclosed.", "embargo_until": "2026-06-01T00:00:00Z"}"#).get()
        let disclosure = DisclosureCase(outcomeID: 1, outcome: outcome, note: .none, actioned: bank, linked: [], latestNetworkEmbargo: outcome.embargoUntil)
        let decision = Disclosure.decide(disclosure, for: DisclosureRecipient(referral: bank, hops: 0), policy: .defaults, now: date("2026-04-01T12:00:00Z"))
        #expect(decision.item?.rationale == nil && decision.reasons == [.networkEmbargo])
    }

    @Test func closingNeedsAReason() throws {
        func errors(_ json: String) throws -> [String] {
            guard case .failure(let failure) = TaskingClosure.validate(json: try JSONValue(parsing: Data(json.utf8))) else { return [] }
            return failure.errors.map(\.description)
        }
        #expect(try errors("{}") == ["reason: required"])
        #expect(try errors(#"{"reason": " "}"#) == ["reason: must say why the tasking is closed"])
        #expect(try errors(#"{"reason": "a\u0007b"}"#) == ["reason: contains control characters"])
        #expect(try errors(#"{"reason": "x", "extra": 1}"#) == ["extra: unknown field"])
        #expect(try errors("[]").count == 1)
        let long = String(repeating: "x", count: TaskingClosure.maxReasonLength + 1)
        #expect(try errors(#"{"reason": "\#(long)"}"#) == ["reason: must have at most 500 characters"])
        #expect(try TaskingClosure.validate(json: JSONValue(parsing: Data(#"{"reason": " Convicted; assets recovered. "}"#.utf8))).get().reason
            == "Convicted; assets recovered.")
    }
}
