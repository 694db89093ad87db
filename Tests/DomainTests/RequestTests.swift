import Domain
import Foundation
import Testing

@Suite struct RequestTests {
    private let now = date("2026-03-20T10:00:00Z")
    private static let blockNumber = RequestKind(code: "block_number", title: "Block the number", actingSectors: [.telco], indicatorKinds: [.phone])
    private static let freeze = RequestKind(code: "freeze_account", title: "Freeze", actingSectors: [.finance], indicatorKinds: [.ukBankAccount, .iban])
    private static let kinds = ["block_number": blockNumber, "freeze_account": freeze]
    private static let phone = CanonicalIndicator(kind: .phone, value: "+447700900123")
    private static let domain = CanonicalIndicator(kind: .domain, value: "scam.example")
    private static let amber = HandlingMarkings(tlp: .amber, sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly, handlingCode: .permitted)
    private static let red = HandlingMarkings(tlp: .red, sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly, handlingCode: .permitted)

    private func validate(_ json: String) throws -> Result<RequestDraft, ValidationFailure> {
        RequestValidator.validate(
            json: try JSONValue(parsing: Data(json.utf8)), kinds: Self.kinds, indicators: [Self.phone, Self.domain],
            gateways: ["dpa_2018_sch2_para2"], now: now)
    }

    @Test func aValidRequest() throws {
        let draft = try validate("""
            {"kind": "block_number", "indicator_key": "phone:+447700900123", "gateway": "dpa_2018_sch2_para2",
             "deadline": "2026-03-21T10:00:00Z", "note": " Scam calls impersonating a bank. "}
            """).get()
        #expect(draft.kind == Self.blockNumber)
        #expect(draft.indicator == Self.phone)
        #expect(draft.deadline == date("2026-03-21T10:00:00Z"))
        #expect(draft.note == "Scam calls impersonating a bank.")
    }

    @Test func everyProblemNamesItsField() throws {
        guard case .failure(let failure) = try validate("""
            {"kind": "block_number", "indicator_key": "domain:scam.example", "gateway": "made_up",
             "deadline": "2026-03-20T09:00:00Z", "colour": "red"}
            """) else { Issue.record("accepted"); return }
        #expect(failure.errors.map(\.description) == [
            "colour: unknown field",
            "kind: block_number does not apply to a domain indicator; it applies to phone",
            "gateway: not a lawful gateway of the registry",
            "deadline: must be in the future",
        ])
        guard case .failure(let missing) = try validate(#"{"kind": "nuke", "indicator_key": "phone:+1"}"#) else { Issue.record("accepted"); return }
        #expect(missing.messages(at: "kind") == ["unknown request kind 'nuke'; expected one of block_number, freeze_account"])
        #expect(missing.messages(at: "indicator_key").first?.hasPrefix("not an indicator of this tasking's referral") == true)
        #expect(missing.messages(at: "gateway") == ["required"])
        #expect(missing.messages(at: "deadline") == ["required"])
        guard case .failure(let far) = try validate("""
            {"kind": "block_number", "indicator_key": "phone:+447700900123", "gateway": "dpa_2018_sch2_para2", "deadline": "2028-01-01T00:00:00Z"}
            """) else { Issue.record("accepted"); return }
        #expect(far.messages(at: "deadline") == ["must be within a year"])
    }

    @Test func addressedToTheSectorOrToThePartnersHoldingTheIndicator() {
        let actioned = DisclosureSource(referralID: "r1", partnerID: "1", partnerName: "", markings: Self.amber, indicatorKeys: [Self.phone.key])
        let candidates = [
            RequestCandidate(partnerID: "3", sector: .telco, holds: false),
            RequestCandidate(partnerID: "2", sector: .telco, holds: false),
            RequestCandidate(partnerID: "4", sector: .finance, holds: true),
        ]
        let sector = Disclosure.address(Self.blockNumber, actioned: actioned, candidates: candidates)
        #expect(sector.addressees.map(\.partnerID) == ["2", "3"])
        #expect(sector.withheld.isEmpty)
        let holder = Disclosure.address(Self.blockNumber, actioned: actioned, candidates: candidates + [RequestCandidate(partnerID: "5", sector: .telco, holds: true)])
        #expect(holder.addressees.map(\.partnerID) == ["5"])
    }

    @Test func redMaterialGoesOnlyToThePartnerThatReferredIt() {
        let red = DisclosureSource(referralID: "r1", partnerID: "1", partnerName: "", markings: Self.red, indicatorKeys: [Self.phone.key])
        let others = Disclosure.address(Self.blockNumber, actioned: red, candidates: [RequestCandidate(partnerID: "2", sector: .telco, holds: false)])
        #expect(others.addressees.isEmpty)
        #expect(others.withheld == ["2": .sourceRed])
        // The referrer itself holds the indicator: its own data.
        let own = Disclosure.address(Self.blockNumber, actioned: red, candidates: [RequestCandidate(partnerID: "1", sector: .telco, holds: true)])
        #expect(own.addressees.map(\.partnerID) == ["1"])
    }

    @Test func aPartnerSeesItsOwnEvidenceOnlyAndNoOtherPartner() {
        let evidence = RequestCompletion(completedAt: date("2026-03-20T12:00:00Z"), amount: nil, reference: "TKT-1")
        let request = PartnerRequest(
            id: 7, taskingID: "t", agency: "COLP_FTC", kind: "block_number", indicatorKind: "phone", indicatorValue: "+447700900123",
            indicatorKey: Self.phone.key, gateway: "dpa_2018_sch2_para2", tlp: .green, deadline: date("2026-03-21T10:00:00Z"), note: nil,
            status: .completed, raisedBy: "officer:1@COLP_FTC", raisedAt: now, acknowledgedAt: nil, actedBy: "2", actedAt: now,
            completion: evidence, declinedReason: nil, overdueAt: nil, addressees: ["2", "3"])
        #expect(request.secondsToComplete == 7200)
        let own = Disclosure.requestView(request, for: "2")
        #expect(own.completion == evidence)
        #expect(own.actedBy == "you")
        #expect(own.tlp == .amber)
        let other = Disclosure.requestView(request, for: "3")
        #expect(other.completion == nil)
        #expect(other.actedBy == "another partner")
        let text = String(decoding: try! JSONEncoder().encode(other), as: UTF8.self)
        #expect(!text.contains("TKT-1") && !text.contains("addressees") && !text.contains("officer:1"))
    }

    @Test func transitions() {
        let evidence = RequestCompletion(completedAt: now, amount: nil, reference: nil)
        func current(_ status: RequestStatus, by partner: String? = nil) -> RequestTransition.Current {
            RequestTransition.Current(status: status, actedBy: partner, completion: status == .completed ? evidence : nil,
                                      declinedReason: status == .declined ? "not ours" : nil)
        }
        #expect(RequestTransition.decide(.acknowledge, on: current(.raised), by: "2") == .move(to: .acknowledged))
        #expect(RequestTransition.decide(.acknowledge, on: current(.acknowledged), by: "2") == .unchanged)
        #expect(RequestTransition.decide(.complete(evidence), on: current(.acknowledged), by: "2") == .move(to: .completed))
        #expect(RequestTransition.decide(.decline(reason: "x"), on: current(.raised), by: "2") == .move(to: .declined))
        #expect(RequestTransition.decide(.complete(evidence), on: current(.completed, by: "2"), by: "2") == .unchanged)
        #expect(RequestTransition.decide(.complete(evidence), on: current(.completed, by: "2"), by: "3")
            == .conflict("the request was already completed by another partner"))
        #expect(RequestTransition.decide(.acknowledge, on: current(.declined, by: "2"), by: "2")
            == .conflict("the request was already declined by this partner"))
        #expect(RequestTransition.decide(.decline(reason: "not ours"), on: current(.declined, by: "2"), by: "2") == .unchanged)
        #expect(RFITransition.decide(answer: "a", open: true, existing: nil) == .record)
        #expect(RFITransition.decide(answer: "a", open: false, existing: "a") == .unchanged)
        #expect(RFITransition.decide(answer: "b", open: false, existing: "a") == .conflict("the request for information was already answered"))
    }

    @Test func completionEvidenceIsChecked() throws {
        func completion(_ json: String) throws -> Result<RequestAction, ValidationFailure> {
            RequestActionValidator.completion(json: try JSONValue(parsing: Data(json.utf8)), raisedAt: now, now: now.addingTimeInterval(3600))
        }
        let action = try completion(#"{"completed_at": "2026-03-20T10:30:00Z", "amount": {"amount": "1500.5", "currency": "GBP"}, "reference": "FRZ-9"}"#).get()
        #expect(action == .complete(RequestCompletion(
            completedAt: date("2026-03-20T10:30:00Z"), amount: try Money.parse(amount: "1500.50", currency: "GBP", maximumMajorUnits: 10_000).get(),
            reference: "FRZ-9")))
        guard case .failure(let failure) = try completion(#"{"completed_at": "2026-03-20T09:00:00Z", "amount": {"amount": "-1", "currency": "XXY"}}"#)
        else { Issue.record("accepted"); return }
        #expect(failure.messages(at: "completed_at") == ["is before the request was raised (\(Timestamp.format(now)))"])
        #expect(failure.messages(at: "amount.currency").count == 1)
        guard case .failure(let future) = try completion(#"{"completed_at": "2026-03-20T12:00:00Z"}"#) else { Issue.record("accepted"); return }
        #expect(future.messages(at: "completed_at") == ["must not be in the future"])
        guard case .failure(let empty) = RequestActionValidator.decline(json: .object(["reason": .string("  ")])) else { Issue.record("accepted"); return }
        #expect(empty.messages(at: "reason") == ["must not be empty"])
    }

    @Test func rfiDeadlineDefaultsToTheSLA() throws {
        let draft = try RFIDraft.validate(json: .object(["question": .string("Which SIM served the calls?")]), now: now).get()
        #expect(draft.deadline == now.addingTimeInterval(RFIDraft.defaultSLA))
        guard case .failure(let failure) = RFIDraft.validate(json: .object([:]), now: now) else { Issue.record("accepted"); return }
        #expect(failure.messages(at: "question") == ["required"])
    }

    @Test func figuresBySector() {
        let hour: TimeInterval = 3600
        func fact(_ sectors: Set<Sector>, _ completed: Sector?, _ status: RequestStatus, deadline: TimeInterval, done: TimeInterval?,
                  partners: Set<String>, by partner: String? = nil, crime: String = "fraud.app", agency: String = "COLP_FTC") -> RequestFact {
            RequestFact(addressedSectors: sectors, completedSector: completed, status: status, raisedAt: now, deadline: now + deadline,
                        completedAt: done.map { now + $0 }, addressedPartners: partners, completedPartner: partner, crimeType: crime, agency: agency)
        }
        let facts = [
            fact([.telco], .telco, .completed, deadline: 10 * hour, done: hour, partners: ["T1", "T2"], by: "T1"),
            fact([.telco], .telco, .completed, deadline: 10 * hour, done: 3 * hour, partners: ["T2"], by: "T2", crime: "cyber.x"),
            fact([.telco, .tech], nil, .raised, deadline: hour, done: nil, partners: ["T1", "P"], agency: "NCA_TICAT"),
            fact([.finance], nil, .declined, deadline: hour, done: nil, partners: ["B"]),
        ]
        let figures = RequestFigures(facts, now: now + 2 * hour)
        #expect(figures.total == .init(key: "all", raised: 4, completed: 2, overdue: 1, medianSecondsToComplete: 2 * hour))
        #expect(figures.bySector.map(\.key) == ["cyber", "finance", "tech", "telco"])
        #expect(figures.bySector[3] == .init(key: "telco", raised: 3, completed: 2, overdue: 1, medianSecondsToComplete: 2 * hour))
        #expect(figures.bySector[2] == .init(key: "tech", raised: 1, completed: 0, overdue: 1, medianSecondsToComplete: nil))
        #expect(figures.bySector[1] == .init(key: "finance", raised: 1, completed: 0, overdue: 0, medianSecondsToComplete: nil))
        // Per dimension: only keys something counts under; a sector line as in bySector.
        let later = now + 2 * hour
        #expect(RequestFigures.lines(facts, by: .sector, now: later) == figures.bySector.filter { $0.raised > 0 })
        #expect(RequestFigures.lines(facts, by: .partner, now: later) == [
            .init(key: "B", raised: 1, completed: 0, overdue: 0, medianSecondsToComplete: nil),
            .init(key: "P", raised: 1, completed: 0, overdue: 1, medianSecondsToComplete: nil),
            .init(key: "T1", raised: 2, completed: 1, overdue: 1, medianSecondsToComplete: hour),
            .init(key: "T2", raised: 2, completed: 1, overdue: 0, medianSecondsToComplete: 3 * hour),
        ])
        #expect(RequestFigures.lines(facts, by: .crimeType, now: later).map(\.key) == ["cyber.x", "fraud.app"])
        #expect(RequestFigures.lines(facts, by: .agency, now: later) == [
            .init(key: "COLP_FTC", raised: 3, completed: 2, overdue: 0, medianSecondsToComplete: 2 * hour),
            .init(key: "NCA_TICAT", raised: 1, completed: 0, overdue: 1, medianSecondsToComplete: nil),
        ])
    }

    @Test func cursorsRoundTripAndRefuseForeignText() throws {
        let cursor = RequestCursor(list: "overdue", ids: [12, 0])
        #expect(RequestCursor(cursor.description, list: "overdue", count: 2) == cursor)
        #expect(RequestCursor(cursor.description, list: "requests", count: 1) == nil)
        let query = try RequestListQuery.parse([("cursor", cursor.description), ("limit", "5")], list: "overdue", streams: 2).get()
        #expect(query.after == cursor && query.limit == 5)
        guard case .failure(let failure) = RequestListQuery.parse([("status", "open"), ("limit", "0")], list: "requests") else {
            Issue.record("accepted"); return
        }
        #expect(failure.errors.map(\.path.description) == ["status", "limit"])
    }

    @Test func requestKindsNameTheirDisruption() {
        #expect(Self.blockNumber.disruption?.actingSector == .telco)
        #expect(RequestKind(code: "repatriate_funds", title: "", actingSectors: [.finance], indicatorKinds: [.iban]).disruption == .repatriateFunds)
        #expect(RequestKind(code: "ask_nicely", title: "", actingSectors: [.tech], indicatorKinds: [.url]).disruption == nil)
        #expect(DisruptionKind.suggestions(for: .iban).contains(.repatriateFunds))
    }
}
