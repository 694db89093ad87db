import Domain
import Foundation
import Postgres
import Testing
import TestSupport

/// `occ retention run` killed with SIGKILL in the middle of a batch: every referral is either
/// fully present or fully disposed of, and the next run finishes the job, one audit event each.
extension RetentionTests {
    @Test("SIGKILL mid-batch leaves no referral half-disposed; the next run resumes")
    func killedMidBatch() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let bankTasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            #expect(try await harness.recordOutcome(agency: ftc, tasking: bankTasking, PipelineHarness.disruptedOutcome).status == 201)
            #expect(try await harness.waitUntilIdle())
            let conninfo = harness.database.conninfo(as: .retention)
            let now = Timestamp.format(Self.later)
            let dryRun = try await Self.occ(["retention", "run", "--dry-run", "--now", now], conninfo: conninfo)
            #expect(dryRun.status == 0, "\(dryRun.stderr)")
            let plan = dryRun.stdout.split(separator: "\n").map { String($0.prefix(36)) }
            #expect(plan.count == 4)
            let last = try #require(plan.last)
            let sightings = try await harness.count("SELECT count(*) FROM indicator_sightings WHERE referral_id = $1::uuid", last)
            let present = try await Self.presence(harness, last)
            #expect(sightings > 0)

            // Lock the last referral's sightings: its batch stops inside its transaction.
            let blocker = try await harness.database.connect()
            try await blocker.execute("BEGIN", name: "test_begin")
            try await blocker.query(PostgresQuery(
                "test_lock_sightings", "SELECT 1 FROM indicator_sightings WHERE referral_id = $1::uuid FOR UPDATE", [last]))
            let process = try Self.start(["retention", "run", "--batch", "1", "--now", now], conninfo: conninfo)
            let waiting = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'occ' AND wait_event_type = 'Lock'"
            #expect(try await harness.eventually { try await harness.count("SELECT count(*) FROM (\(waiting)) w") == 1 })
            let backend = try await harness.count(waiting)
            process.send(SIGKILL)
            #expect(await process.exitStatus() == -SIGKILL)
            try await blocker.execute("ROLLBACK", name: "test_rollback")
            await blocker.close()
            // The killed client's server process rolls back once it finds the client gone.
            #expect(try await harness.eventually { try await harness.count("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", backend) == 0 })

            #expect(try await harness.count("SELECT count(*) FROM referrals WHERE disposed_at IS NOT NULL") == 3)
            #expect(try await Self.presence(harness, last) == present, "the interrupted referral is whole")
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'retention.anonymised'") == 3)
            try await Self.expectNothingDangles(harness)

            let resumed = try await Self.occ(["retention", "run", "--now", now], conninfo: conninfo)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(resumed.stdout.split(separator: "\n").map { String($0.prefix(36)) } == [last])
            #expect(try await harness.count("SELECT count(*) FROM referrals WHERE disposed_at IS NOT NULL") == 4)
            for id in plan {
                #expect(try await harness.count(
                    "SELECT count(*) FROM audit_log WHERE action = 'retention.anonymised' AND subject_id = $1", id) == 1)
            }
            try await Self.expectNothingDangles(harness)
            let verify = try await Self.occ(["audit", "verify"], conninfo: harness.database.conninfo(as: .operator))
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        }
    }

    @Test("occ retention work disposes of what is due on its schedule, chains its audit events, and stops on SIGTERM")
    func workerProcess() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let due = [scenario.telcoReferral, scenario.techReferral].map { $0.uuidString }
            _ = try await harness.pool.query(PostgresQuery(
                "test_due_now", "UPDATE referrals SET review_at = now() - interval '1 day' WHERE id = ANY($1::uuid[])", [due]))
            let process = try Self.start(["retention", "work", "--interval-s", "1", "--batch", "1"], conninfo: harness.database.conninfo(as: .retention))
            let disposed = try await harness.eventually {
                let referrals = try await harness.count("SELECT count(*) FROM referrals WHERE disposed_at IS NOT NULL")
                let chained = try await harness.count("SELECT count(*) FROM audit_log WHERE actor = 'service:retention' AND chain_seq IS NOT NULL")
                return referrals == 2 && chained == 2
            }
            process.send(SIGTERM)
            let status = await process.exitStatus()
            #expect(disposed)
            #expect(status == 0)
            #expect(try await harness.count("SELECT count(*) FROM referrals WHERE disposed_at IS NOT NULL AND id = ANY($1::uuid[])", due) == 2)
            #expect(try await harness.count("SELECT count(*) FROM occ_periodic_jobs WHERE name = 'review_retention'") == 1)
            try await Self.expectNothingDangles(harness)
        }
    }

    /// What disposal would remove from a referral, counted (its links are left out: they are
    /// shared with the referral at their other end, whose own disposal removes them).
    static func presence(_ harness: PipelineHarness, _ id: String) async throws -> String? {
        try await harness.text("""
            SELECT concat_ws(' ', (SELECT count(*) FROM indicator_sightings WHERE referral_id = $1::uuid),
                (SELECT count(*) FROM network_members WHERE referral_id = $1::uuid),
                (SELECT count(*) FROM feedback_items WHERE referral_id = $1::uuid),
                (SELECT count(*) FROM referral_indicators WHERE referral_id = $1::uuid),
                (SELECT partner_reference || coalesce(summary, '-') || coalesce(disposal, 'live') FROM referrals WHERE id = $1::uuid))
            """, id)
    }

    /// Starts the built `occ` with `DATABASE_URL` set, its output discarded.
    static func start(_ arguments: [String], conninfo: String) throws -> Subprocess {
        try Subprocess(
            try BuiltExecutable.url("occ").path, arguments: arguments,
            environment: ProcessInfo.processInfo.environment.merging(["DATABASE_URL": conninfo]) { _, given in given },
            output: .discard, errors: .discard)
    }

    /// Runs the built `occ` to completion; its status and output.
    static func occ(_ arguments: [String], conninfo: String) async throws -> (status: Int32, stdout: String, stderr: String) {
        let run = try await OCCCommand.run(arguments, conninfo: conninfo)
        return (run.status, run.stdout, run.stderr)
    }
}
