import Domain
import Foundation
import Postgres
import Testing

extension DisclosureTests {
    @Test("a delivery that falls due while a later embargo holds elsewhere in the network reschedules itself to that embargo instead of releasing")
    func laterEmbargoPushesReleaseOn() async throws {
        try await PipelineHarness.with { harness in
            let network = try await DisclosureNetwork.build(harness, aMarkings: DisclosureNetwork.amber)
            let reportFraud = try await harness.agencyToken("REPORT_FRAUD")
            let ftc = try await harness.agencyToken("COLP_FTC")
            let aTasking = try #require(try await harness.taskingID(agency: reportFraud, referral: network.aReferral))
            let bTasking = try #require(try await harness.taskingID(agency: ftc, referral: network.bReferral))
            let cTasking = try #require(try await harness.taskingID(agency: reportFraud, referral: network.cReferral))
            let soon = Date().addingTimeInterval(86_400), later = Date().addingTimeInterval(3 * 86_400)
            #expect(try await harness.recordOutcome(agency: reportFraud, tasking: aTasking, Self.outcome(note: Self.note, embargoUntil: soon)).status == 201)
            let b = try await harness.recordOutcome(agency: ftc, tasking: bTasking, Self.outcome(note: Self.note))
            let bOutcome = Int64(try #require(b.json["outcome_id"]?.intValue))
            #expect(try await harness.recordOutcome(agency: reportFraud, tasking: cTasking, Self.outcome(note: Self.note, embargoUntil: later)).status == 201)
            let scheduledFor = "SELECT count(*) FROM occ_jobs WHERE kind = 'deliver_feedback' AND state = 'scheduled' AND args->>'outcome_id' = $1 AND abs(extract(epoch FROM run_at - $2::timestamptz)) < 1"
            // B's delivery was scheduled when A's embargo was the latest; C's came after.
            #expect(try await harness.count(scheduledFor, String(bOutcome), Timestamp.format(soon)) == 1)

            // A's embargo ends and B's delivery falls due; C's embargo still holds the network.
            try await harness.pool.query(PostgresQuery("test_lift_a", "UPDATE outcomes SET embargo_until = now() - interval '1 second' WHERE embargo_until < now() + interval '2 days'"))
            try await harness.pool.query(PostgresQuery(
                "test_due_b", "UPDATE occ_jobs SET run_at = now() WHERE kind = 'deliver_feedback' AND args->>'outcome_id' = $1", [String(bOutcome)]))
            #expect(try await harness.eventually { try await harness.count(scheduledFor, String(bOutcome), Timestamp.format(later)) == 1 })
            #expect(try await harness.count("SELECT count(*) FROM feedback_items WHERE outcome_id = $1 AND status = 'outcome_recorded'", bOutcome) == 0)
        }
    }
}
