import Domain
import Foundation
import Testing

/// Random networks, markings, policies and recipients, from a fixed seed (reproducible): whatever
/// the decision point releases never carries a weaker marking than a referral it reveals, and
/// never names a partner the policy or that partner's markings withhold.
@Suite struct DisclosurePropertyTests {
    /// SplitMix64: small, fast, and the same sequence on every platform.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
        mutating func bool() -> Bool { next() & 1 == 0 }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }

    static let now = date("2026-04-01T12:00:00Z")
    static let gbp = try! JSONDecoder().decode(Money.self, from: Data(#"{"amount": "100.00", "currency": "GBP"}"#.utf8))

    @Test func releasedItemsNeverWeakenMarkingsOrLeakWithheldIdentities() async throws {
        var random = Generator(state: 0x0CC_D15C)
        var released = 0
        for round in 0..<3_000 {
            // Seconds of CPU in a debug build, more under sanitizers: let the suite's other tasks
            // (servers answering with deadlines) share the two cooperative threads.
            if round % 100 == 0 { await Task.yield() }
            let sources = (0..<random.int(1...6)).map { index in
                let partner = "p\(random.int(0...3))"
                let code: HandlingCode = random.int(0...3) == 0 ? .conditions : .permitted
                return DisclosureSource(
                    referralID: "r\(round)-\(index)", partnerID: partner, partnerName: "Partner \(partner)",
                    markings: HandlingMarkings(
                        tlp: random.pick(TLP.allCases), sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly,
                        handlingCode: code, handlingConditions: code == .conditions ? "conditions of \(partner)" : nil),
                    indicatorKeys: Set((0..<random.int(0...2)).map { _ in "phone:+4477009000\(random.int(10...14))" }))
            }
            let keys = sources.flatMap(\.indicatorKeys) + ["domain:elsewhere.example"]
            let outcome = Outcome(
                kind: random.pick(OutcomeKind.allCases),
                disruptions: (0..<random.int(0...3)).map { _ in Disruption(kind: random.pick(DisruptionKind.allCases), indicatorKey: random.pick(keys)) },
                moneyProtected: random.bool() ? Self.gbp : nil, moneyRepatriated: random.bool() ? Self.gbp : nil,
                partnerNote: "Note text \(round)", recordedAt: date("2026-03-01T00:00:00Z"))
            let note = random.pick([NoteRelease.held, .refused, .approved("Note text \(round)"), NoteRelease.none])
            let embargo = random.pick([nil, date("2026-03-15T00:00:00Z"), date("2026-05-01T00:00:00Z")])
            let policy = ReleasePolicy(
                recipientHopLimit: random.int(1...3), linkedPartnerMoney: random.bool(), linkedPartnerDisruptionKinds: random.bool(),
                partnerIdentities: random.bool())
            let disclosure = DisclosureCase(
                outcomeID: Int64(round + 1), outcome: outcome, note: note, actioned: sources[0], linked: Array(sources.dropFirst()), latestNetworkEmbargo: embargo)
            for (index, source) in sources.enumerated() {
                let recipient = DisclosureRecipient(referral: source, hops: index == 0 ? 0 : random.int(1...4))
                let decision = Disclosure.decide(disclosure, for: recipient, policy: policy, now: Self.now)
                try check(decision, disclosure, recipient, policy, round: round)
                if decision.item?.status == .outcomeRecorded { released += 1 }
            }
        }
        #expect(released > 500, "the generator should exercise full releases, not only the floor")
    }

    private func check(
        _ decision: DisclosureDecision, _ disclosure: DisclosureCase, _ recipient: DisclosureRecipient, _ policy: ReleasePolicy, round: Int
    ) throws {
        let context = Comment(rawValue: "round \(round), recipient \(recipient.referral.referralID)")
        guard let item = decision.item else {
            #expect(recipient.hops > policy.recipientHopLimit, context)
            return
        }
        #expect(recipient.hops <= policy.recipientHopLimit, context)
        #expect(item.partnerID == recipient.partnerID && item.referralID == recipient.referral.referralID, context)
        let everyone = [disclosure.actioned] + disclosure.linked
        // What the item reveals, read off the item itself.
        var revealed = [recipient.referral]
        if item.status == .outcomeRecorded { revealed.append(disclosure.actioned) }
        for name in item.corroboratedBy {
            let named = everyone.filter { $0.partnerName == name && $0.partnerID != recipient.partnerID }
            let permitted = named.filter { Self.permits($0, recipient.partnerID) }
            #expect(policy.partnerIdentities, "identity released against the policy; \(context)")
            #expect(!permitted.isEmpty, "identity \(name) released against its markings; \(context)")
            revealed += permitted
        }
        for source in revealed {
            #expect(item.tlp >= source.markings.tlp, "item \(item.tlp) weaker than source \(source.markings.tlp); \(context)")
            if source.markings.handlingCode == .conditions { #expect(item.handlingCode == .conditions, context) }
        }
        #expect(item.tlp >= .amber, context)
        if item.status == .outcomeRecorded {
            #expect(Self.permits(disclosure.actioned, recipient.partnerID), context)
            #expect(disclosure.embargoLifts(after: Self.now) == nil && !disclosure.outcome.kind.isInProgress, context)
        } else {
            #expect(item.note == nil && item.moneyProtected == nil && item.disruptions.isEmpty && item.corroboratedBy.isEmpty, context)
        }
        if item.note != nil { #expect(disclosure.note == .approved(item.note ?? ""), context) }
        if recipient.partnerID != disclosure.actioned.partnerID && !policy.linkedPartnerMoney {
            #expect(item.moneyProtected == nil && item.moneyRepatriated == nil, context)
        }
        for disruption in item.disruptions {
            if let key = disruption.indicatorKey {
                #expect(recipient.referral.indicatorKeys.contains(key) && recipient.referral.markings.tlp != .red, context)
            }
        }
        // No other partner's name anywhere in what is sent, unless released as an identity.
        let text = String(decoding: try JSONEncoder().encode(item), as: UTF8.self)
        for other in Set(everyone.map(\.partnerName)) where !item.corroboratedBy.contains(other) && other != recipient.referral.partnerName {
            #expect(!text.contains(other), context)
        }
    }

    /// The markings rule, restated independently of the implementation.
    static func permits(_ source: DisclosureSource, _ partnerID: String) -> Bool {
        source.partnerID == partnerID
            || ([.clear, .green, .amber].contains(source.markings.tlp) && source.markings.handlingCode == .permitted)
    }
}
