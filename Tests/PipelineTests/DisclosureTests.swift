import Domain
import Foundation
import Postgres
import ServiceKit
import Testing

@Suite("Disclosure: markings, hop limit, notes and network-wide embargo on real feedback", .serialized)
struct DisclosureTests {
    static let note = "Mule account frozen and the number blocked."
    static func outcome(note: String, embargoUntil: Date? = nil) -> String {
        """
        {"kind": "disrupted",
         "disruptions": [{"kind": "block_number", "indicator_key": "\(DisclosureNetwork.phoneKey)"},
                         {"kind": "freeze_account", "indicator_key": "\(DisclosureNetwork.accountKey)"}],
         "money_protected": {"amount": "7300", "currency": "GBP"},
         \(embargoUntil.map { "\"embargo_until\": \"\(Timestamp.format($0))\"," } ?? "")
         "partner_note": "\(note)"}
        """
    }

    @Test("TLP:RED with handling code C: B hears only 'being actioned', C (two links away) nothing, A a RED item; the note waits for a second officer and a date of birth is refused")
    func redWithConditions() async throws {
        try await PipelineHarness.with { harness in
            let network = try await DisclosureNetwork.build(harness, aMarkings: DisclosureNetwork.redWithConditions)
            let author = try await harness.officer("REPORT_FRAUD", name: "Author Officer")
            let tasking = try #require(try await harness.taskingID(agency: author.token, referral: network.aReferral))

            let refused = try await harness.recordOutcome(
                agency: author.token, tasking: tasking, Self.outcome(note: "Suspect dob 12/03/1985 arrested; Bravo Bank notified."))
            #expect(refused.status == 422)
            let messages = refused.json["errors"]?.strings("message") ?? []
            #expect(messages.contains("contains a date of birth: \"12/03/1985\""))
            #expect(messages.contains("contains a partner's name: \"Bravo Bank\""))
            #expect(refused.json["errors"]?.strings("field").allSatisfy { $0 == "partner_note" } == true)
            #expect(try await harness.count("SELECT count(*) FROM outcomes") == 0)
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'partner_note.screen_refused' AND event LIKE '%date_of_birth%'") == 1)

            let recorded = try await harness.recordOutcome(agency: author.token, tasking: tasking, Self.outcome(note: Self.note))
            #expect(recorded.status == 201)
            #expect(recorded.json["note_state"]?.stringValue == "held")
            let outcomeID = try #require(recorded.json["outcome_id"]?.intValue)

            let aItems = try await harness.feedbackItems(network.a).json["items"]?.arrayValue ?? []
            #expect(aItems.count == 1)
            #expect(aItems.first?["tlp"]?.stringValue == "RED")
            #expect(aItems.first?["handling_code"]?.stringValue == "C")
            #expect(aItems.first?["status"]?.stringValue == "outcome_recorded")
            #expect(aItems.first?["money_protected"]?["amount"]?.stringValue == "7300.00")
            let bItems = try await harness.feedbackItems(network.b).json["items"]?.arrayValue ?? []
            #expect(bItems.map { $0["status"]?.stringValue } == ["being_actioned"])
            #expect(bItems.first?["message"]?.stringValue == Disclosure.beingActionedMessage)
            #expect(bItems.first?["outcome"] == nil && bItems.first?["disruptions"]?.arrayValue?.isEmpty == true)
            #expect(bItems.first?["tlp"]?.stringValue == "AMBER")
            #expect(try await harness.feedbackItems(network.c).json["items"]?.arrayValue?.isEmpty == true)
            #expect(try await harness.count("SELECT count(*) FROM feedback_items WHERE item::text LIKE '%frozen%'") == 0)

            #expect(try await harness.decideNote(agency: author.token, tasking: tasking, outcome: outcomeID, approve: true).status == 403)
            let second = try await harness.officer("REPORT_FRAUD", name: "Second Officer")
            let other = try await harness.officer("COLP_FTC", name: "Other Agency")
            #expect(try await harness.decideNote(agency: other.token, tasking: tasking, outcome: outcomeID, approve: true).status == 404)
            #expect(try await harness.count("SELECT count(*) FROM feedback_items WHERE item::text LIKE '%frozen%'") == 0)
            let approved = try await harness.decideNote(agency: second.token, tasking: tasking, outcome: outcomeID, approve: true)
            #expect(approved.status == 200)
            #expect(approved.json["state"]?.stringValue == "approved")
            #expect(try await harness.decideNote(agency: second.token, tasking: tasking, outcome: outcomeID, approve: false).status == 409)

            let notes = try await harness.feedbackItems(network.a).json["items"]?.arrayValue?.compactMap { $0["note"]?.stringValue }
            #expect(notes == [Self.note])
            #expect(try await harness.count("SELECT count(*) FROM feedback_items WHERE item::text LIKE '%frozen%'") == 1)
            #expect(try await harness.feedbackItems(network.b).json["items"]?.arrayValue?.allSatisfy { $0["status"]?.stringValue == "being_actioned" } == true)
            #expect(try await harness.feedbackItems(network.c).json["items"]?.arrayValue?.isEmpty == true)

            let decided = "SELECT count(*) FROM audit_log WHERE action = 'disclosure.decided' AND subject_id = $1 AND event LIKE $2"
            #expect(try await harness.count(decided, String(outcomeID), "%source_tlp_red%") == 2)
            #expect(try await harness.count(decided, String(outcomeID), "%note_held%") == 1)
            #expect(try await harness.count(decided, String(outcomeID), "%\"gateway\":\"eccta_2023_ss188_189\"%") >= 2)
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'partner_note.approved' AND subject_id = $1", String(outcomeID)) == 1)
            let audit = try await harness.pool.withConnection { try await AuditLog.verify(on: $0) }
            #expect(audit.isIntact)
        }
    }

    @Test("another agency's outcome on B while A's tasking is under embargo releases nothing to A, B or C until the embargo lifts, then what the policy allows")
    func networkEmbargo() async throws {
        try await PipelineHarness.with { harness in
            let network = try await DisclosureNetwork.build(harness, aMarkings: DisclosureNetwork.amber)
            let reportFraud = try await harness.agencyToken("REPORT_FRAUD")
            let aTasking = try #require(try await harness.taskingID(agency: reportFraud, referral: network.aReferral))
            let embargoed = Self.outcome(note: "Linked to a live operation.", embargoUntil: Date().addingTimeInterval(2 * 86_400))
            #expect(try await harness.recordOutcome(agency: reportFraud, tasking: aTasking, embargoed).status == 201)

            let ftc = try await harness.agencyToken("COLP_FTC")
            let bTasking = try #require(try await harness.taskingID(agency: ftc, referral: network.bReferral))
            let recorded = try await harness.recordOutcome(agency: ftc, tasking: bTasking, Self.outcome(note: Self.note))
            #expect(recorded.status == 201)
            for partner in [network.a, network.b, network.c] {
                let statuses = try await harness.feedbackItems(partner).json["items"]?.strings("status") ?? []
                #expect(!statuses.isEmpty && statuses.allSatisfy { $0 == "being_actioned" }, "partner \(partner.id): \(statuses)")
            }
            #expect(try await harness.count("SELECT count(*) FROM occ_jobs WHERE kind = 'deliver_feedback' AND state = 'scheduled'") == 2)

            // The clock moves on: the embargo ends and the scheduled deliveries fall due (moving
            // both, rather than waiting two days or racing a short embargo on a loaded machine).
            try await harness.pool.query(PostgresQuery("test_lift_embargo", "UPDATE outcomes SET embargo_until = now() - interval '1 second' WHERE embargo_until IS NOT NULL"))
            try await harness.pool.query(PostgresQuery("test_due_now", "UPDATE occ_jobs SET run_at = now() WHERE kind = 'deliver_feedback' AND state = 'scheduled'"))
            let bOutcome = try #require(recorded.json["outcome_id"]?.intValue)
            #expect(try await harness.eventually {
                try await harness.count("SELECT count(*) FROM feedback_items WHERE outcome_id = $1 AND status = 'outcome_recorded'", Int64(bOutcome)) == 3
            })
            // Each partner's released item about B's outcome, as the partner pulls it.
            let released = { (partner: TestPartner) async throws -> JSONValue? in
                let id = try await harness.text(
                    "SELECT id FROM feedback_items WHERE outcome_id = $1 AND partner_id = $2 AND status = 'outcome_recorded'",
                    Int64(bOutcome), partner.id)
                return try await harness.feedbackItems(partner).json["items"]?.arrayValue?.first { $0["id"]?.stringValue == id }
            }
            let bItem = try #require(try await released(network.b))
            #expect(bItem["money_protected"]?["amount"]?.stringValue == "7300.00")
            for partner in [network.a, network.c] {
                let item = try #require(try await released(partner))
                #expect(item["money_protected"] == nil, "the seeded policy withholds money from linked partners")
                #expect(item["note"] == nil, "the note is still held")
                #expect(item["corroborated_by"]?.arrayValue?.isEmpty == true)
                #expect(Set(item["disruptions"]?.strings("kind") ?? []) == ["block_number", "freeze_account"])
            }
            // Nothing is left waiting: A's own delivery, due at the same moment, runs to the end too.
            #expect(try await harness.eventually { try await harness.count("SELECT count(*) FROM occ_jobs WHERE kind = 'deliver_feedback'") == 0 })
        }
    }

    @Test("the release policy is data: allowing money and identities changes the next delivery without a restart")
    func policyIsData() async throws {
        try await PipelineHarness.with { harness in
            let network = try await DisclosureNetwork.build(harness, aMarkings: DisclosureNetwork.amber)
            try await harness.pool.query(PostgresQuery(
                "test_policy_open",
                "UPDATE disclosure_policy SET value = 'allow' WHERE setting IN ('linked_partner_money', 'partner_identities')"))
            let ftc = try await harness.agencyToken("COLP_FTC")
            let bTasking = try #require(try await harness.taskingID(agency: ftc, referral: network.bReferral))
            #expect(try await harness.recordOutcome(agency: ftc, tasking: bTasking, Self.outcome(note: Self.note)).status == 201)
            let cItem = try #require(try await harness.feedbackItems(network.c).json["items"]?.arrayValue?.first)
            #expect(cItem["money_protected"]?["amount"]?.stringValue == "7300.00")
            #expect(cItem["corroborated_by"]?.arrayValue?.compactMap(\.stringValue) == ["Alpha Telecom", "Bravo Bank"])
        }
    }
}

extension DisclosureTests {
    @Test("the screen reads the network's indicator values, partner names and listed operation names from the database")
    func screenTermsComeFromData() async throws {
        try await PipelineHarness.with { harness in
            let network = try await DisclosureNetwork.build(harness, aMarkings: DisclosureNetwork.amber)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let bTasking = try #require(try await harness.taskingID(agency: ftc, referral: network.bReferral))
            let note = "Calls from 07700 900555 traced under Operation Tiburon; Charlie Lending informed."
            let unlisted = try await harness.recordOutcome(agency: ftc, tasking: bTasking, Self.outcome(note: "Traced under Operation Tiburon."))
            #expect(unlisted.json["errors"]?.strings("message") == ["contains what looks like a person's name: \"Operation Tiburon\""])
            try await harness.pool.query(PostgresQuery(
                "test_operation", "INSERT INTO operation_names (agency_code, name) VALUES ('NCA_TICAT', 'Operation Tiburon')"))
            let refused = try await harness.recordOutcome(agency: ftc, tasking: bTasking, Self.outcome(note: note))
            #expect(refused.status == 422)
            #expect(refused.json["errors"]?.strings("message") == [
                "contains an indicator value of the network: \"07700 900555\"",
                "contains an operation name: \"Operation Tiburon\"",
                "contains a partner's name: \"Charlie Lending\"",
            ])
            #expect(try await harness.count("SELECT count(*) FROM outcomes") == 0)
        }
    }
}
