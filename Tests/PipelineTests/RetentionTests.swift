import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit
import Synchronization
import Testing

/// Retention on real referrals from the four-sector flow: review dates kept by the triggers,
/// the periodic job's disposal with a controlled clock, holds, dry runs and the benefits report.
@Suite("Retention: review dates, disposal, holds", .serialized)
struct RetentionTests {
    /// Seven years on: past every seeded rule's review period.
    static let later = Date().addingTimeInterval(7 * 366 * 86_400)

    @Test("every referral is dated by its class's rule when created and when its state changes; rule changes re-date it")
    func reviewDates() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let untasked = try await harness.submit(scenario.bank, Fixtures.referral(
                "RET-UNTASKED", crimeType: "fraud.app_investment", summary: "Not enriched",
                indicators: #"{"kind": "phone", "value": "07700 900999"}"#), enqueue: false)
            let dated = "SELECT retention_class || ' ' || retention_rule || ' ' || (review_at = retention_from + %@)::text FROM referrals WHERE id = $1"
            #expect(try await harness.text(dated.replacingOccurrences(of: "%@", with: "interval '2 years'"), untasked)
                == "referral_untasked referral-untasked true")
            #expect(try await harness.text(
                "SELECT (retention_from = received_at)::text FROM referrals WHERE id = $1", untasked) == "true")
            #expect(try await harness.text(dated.replacingOccurrences(of: "%@", with: "interval '6 years'"), scenario.cyberReferral)
                == "referral_tasked referral-tasked true")

            // A charge is a state change that makes the referral a judicial one (the status stays).
            let ticat = try await harness.agencyToken("NCA_TICAT")
            let tasking = try #require(try await harness.taskingID(agency: ticat, referral: scenario.cyberReferral))
            let before = try #require(try await harness.text("SELECT retention_from::text FROM referrals WHERE id = $1", scenario.cyberReferral))
            #expect(try await harness.recordOutcome(agency: ticat, tasking: tasking, #"{"kind": "charged", "home_office_code": 1}"#).status == 201)
            #expect(try await harness.text(dated.replacingOccurrences(of: "%@", with: "interval '6 years'"), scenario.cyberReferral)
                == "referral_judicial referral-judicial true")
            #expect(try await harness.text("SELECT retention_from::text FROM referrals WHERE id = $1", scenario.cyberReferral) != before)

            // A more specific rule re-dates its crime type at once, from each referral's own clock; retiring it restores the general one.
            let registry = RetentionRuleRegistry(pool: harness.pool)
            let draft = try RetentionRuleDraft.check(
                id: "tasked-purchase", recordClass: "referral_tasked", crimeType: "fraud.purchase", period: "18m",
                action: "anonymise", legalBasis: "Test basis [check]", source: "Test").get()
            let added = try #require(try await registry.add(draft, actor: "operator"))
            #expect(added.referrals == 1)
            #expect(try await harness.text(dated.replacingOccurrences(of: "%@", with: "interval '18 months'"), scenario.techReferral)
                == "referral_tasked tasked-purchase true")
            #expect(try await registry.add(draft, actor: "operator") == nil)
            #expect(try await registry.retire("tasked-purchase", actor: "operator")?.retiredAt != nil)
            #expect(try await harness.text(dated.replacingOccurrences(of: "%@", with: "interval '6 years'"), scenario.techReferral)
                == "referral_tasked referral-tasked true")
            #expect(try await harness.count(
                "SELECT count(*) FROM audit_log WHERE action IN ('retention_rule.added', 'retention_rule.retired')") == 2)
            // The class decides the actions: a referral is never deleted outright.
            let delete = try RetentionRuleDraft.check(
                id: "delete-referrals", recordClass: "referral_untasked", crimeType: "cyber", period: "1y", action: "delete",
                legalBasis: "x", source: "y").get()
            await #expect(throws: PostgresError.self) { try await registry.add(delete, actor: "operator") }

            // A hold on a network covers its members; a released or lapsed hold covers nothing.
            let networkText = try await harness.text("SELECT network_id::text FROM network_members WHERE referral_id = $1", scenario.bankReferral)
            let network = try #require(networkText.flatMap { Int64($0) })
            let holds = LegalHoldRegistry(pool: harness.pool)
            let until = Self.later.addingTimeInterval(-86_400)
            let hold = try #require(try await holds.place(
                try LegalHoldDraft.check(reason: "Operation Kestrel", until: until, now: Date()).get(), on: .network(network), placedBy: "operator"))
            let members = Set(try await harness.pool.query(PostgresQuery(
                "test_members", "SELECT referral_id FROM network_members WHERE network_id = $1", [network])).map { try $0.decode(UUID.self, "referral_id") })
            #expect(members.isSuperset(of: [scenario.bankReferral, scenario.telcoReferral]))
            let disposer = RetentionDisposer(actor: "test")
            let during = try await harness.pool.withConnection {
                try await disposer.due(asOf: until.addingTimeInterval(-1), recordClass: "referral_tasked", limit: 100, on: $0)
            }
            #expect(Set(during.filter(\.held).map(\.referralID)) == members)
            let after = try await harness.pool.withConnection { try await disposer.plan(asOf: Self.later, recordClass: nil, limit: 100, on: $0) }
            #expect(Set(after.map(\.referralID)).isSuperset(of: members), "the hold lapsed")
            #expect(try await holds.release(hold.id, by: "operator") != nil)
            #expect(try await holds.list(asOf: Date(), all: false).isEmpty)
        }
    }

    @Test("the job disposes of due referrals with everything hung on them, one audit event each; held untouched; dry run = run; benefits unchanged")
    func disposal() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let bankTasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            #expect(try await harness.recordOutcome(agency: ftc, tasking: bankTasking, PipelineHarness.disruptedOutcome).status == 201)
            let ticat = try await harness.agencyToken("NCA_TICAT")
            let cyberTasking = try #require(try await harness.taskingID(agency: ticat, referral: scenario.cyberReferral))
            #expect(try await harness.recordOutcome(
                agency: ticat, tasking: cyberTasking, #"{"kind": "charged", "home_office_code": 1}"#).status == 201)
            #expect(try await harness.waitUntilIdle())
            #expect(try await harness.count("SELECT count(*) FROM feedback_items WHERE referral_id = $1", scenario.bankReferral) > 0)
            let hold = try LegalHoldDraft.check(reason: "Operation Test: evidence", until: nil, now: Date()).get()
            #expect(try await LegalHoldRegistry(pool: harness.pool).place(hold, on: .referral(scenario.techReferral), placedBy: "operator") != nil)
            let techSightings = try await harness.count("SELECT count(*) FROM indicator_sightings WHERE referral_id = $1", scenario.techReferral)
            #expect(techSightings > 0)

            let oversight = try await harness.oversightToken()
            let reportBefore = try await Self.reports(harness, token: oversight)
            let retention = PostgresPool(.init(
                conninfo: harness.database.conninfo(as: .retention), maxConnections: 3, applicationName: "occ-test-retention"))
            let snapshot = try await Self.snapshot(harness)
            let plan = try await retention.withConnection {
                try await RetentionDisposer(actor: "test").plan(asOf: Self.later, recordClass: nil, limit: 100, on: $0)
            }
            #expect(try await Self.snapshot(harness) == snapshot, "a dry run changes nothing")
            #expect(Set(plan.map(\.referralID)) == [scenario.telcoReferral, scenario.bankReferral, scenario.cyberReferral])
            #expect(plan.first { $0.referralID == scenario.cyberReferral }?.action == .review)

            // The periodic job, batches of two: the full first batch chains the second.
            let disposed = Mutex<[Disposal]>([])
            var registry = JobWorkerRegistry()
            ReviewRetention.register(in: &registry, pool: retention, clock: { Self.later }, done: { batch in disposed.withLock { $0 += batch } })
            let worker = JobWorker(
                pool: retention, conninfo: harness.database.conninfo(as: .retention), registry: registry,
                configuration: JobWorker.Configuration(queues: [ReviewRetention.queue: 1]), logger: Logger(service: "retention", level: .warning))
            let running = Task { try await worker.run() }
            _ = try await JobQueue(pool: retention).enqueue(ReviewRetention(batchSize: 2), options: InsertOptions(queue: ReviewRetention.queue))
            let drained = try await harness.eventually {
                let waiting = try await harness.count("SELECT count(*) FROM occ_jobs WHERE queue = 'retention'")
                return disposed.withLock { $0.count } == 3 && waiting == 0
            }
            worker.shutdown()
            try await running.value
            #expect(drained)
            #expect(disposed.withLock { $0.map(\.referralID) } == plan.map(\.referralID), "the run took exactly what the dry run listed, in order")
            #expect(try await harness.count("SELECT count(*) FROM occ_job_history WHERE kind = 'review_retention'") == 2)

            let anonymised = [scenario.telcoReferral, scenario.bankReferral]
            for id in anonymised {
                #expect(try await harness.text("SELECT disposal FROM referrals WHERE id = $1 AND summary IS NULL AND raw = '{}'", id) == "anonymised")
                for table in ["indicator_sightings", "network_members", "feedback_items", "referral_indicators"] {
                    #expect(try await harness.count("SELECT count(*) FROM \(table) WHERE referral_id = $1", id) == 0, "\(table)")
                }
                #expect(try await harness.count("SELECT count(*) FROM referral_links WHERE referral_id = $1 OR linked_referral_id = $1", id) == 0)
                #expect(try await harness.text("SELECT jsonb_array_length(canonical->'indicators')::text FROM referrals WHERE id = $1", id) == "0")
            }
            #expect(try await harness.text("SELECT (review_requested_at IS NOT NULL AND disposed_at IS NULL)::text FROM referrals WHERE id = $1",
                                           scenario.cyberReferral) == "true")
            #expect(try await harness.count("SELECT count(*) FROM indicator_sightings WHERE referral_id = $1", scenario.cyberReferral) > 0)
            #expect(try await harness.count("SELECT count(*) FROM indicator_sightings WHERE referral_id = $1", scenario.techReferral) == techSightings)
            #expect(try await harness.text("SELECT disposed_at::text FROM referrals WHERE id = $1", scenario.techReferral) == nil)
            try await Self.expectNothingDangles(harness)

            for item in plan {
                let action = item.action == .review ? "retention.review_requested" : "retention.anonymised"
                #expect(try await harness.count(
                    "SELECT count(*) FROM audit_log WHERE subject_type = 'referral' AND subject_id = $1 AND action LIKE 'retention.%'",
                    item.referralID.uuidString.lowercased()) == 1)
                #expect(try await harness.count(
                    "SELECT count(*) FROM audit_log WHERE subject_id = $1 AND action = $2 AND event::jsonb->'detail'->>'rule' = $3",
                    item.referralID.uuidString.lowercased(), action, item.rule) == 1)
            }
            #expect(try await Self.reports(harness, token: oversight) == reportBefore, "benefits survive disposal")
            let connection = try await harness.database.connect()
            try await AuditLog.chainPending(on: connection)
            #expect(try await AuditLog.verify(on: connection).isIntact)
            await connection.close()
            // Nothing is due any more; the held referral is listed as held.
            let again = try await retention.withConnection { try await RetentionDisposer(actor: "test").plan(asOf: Self.later, recordClass: nil, limit: 100, on: $0) }
            #expect(again.isEmpty)
            let due = try await retention.withConnection { try await RetentionDisposer(actor: "test").due(asOf: Self.later, recordClass: nil, limit: 100, on: $0) }
            #expect(due.map(\.referralID) == [scenario.techReferral] && due.allSatisfy(\.held))
            // The escalated referral awaits a person, who keeps it another year (as the operator, through occ).
            let operatorURL = harness.database.conninfo(as: .operator)
            let cyber = scenario.cyberReferral.uuidString.lowercased()
            let reviews = try await Self.occ(["retention", "reviews"], conninfo: operatorURL)
            #expect(reviews.status == 0 && reviews.stdout.hasPrefix("\(cyber)\t") && reviews.stdout.contains("\treferral-judicial\t"), "\(reviews)")
            let kept = try await Self.occ(["retention", "keep", cyber, "--period", "1y", "--reason", "Trial pending"], conninfo: operatorURL)
            #expect(kept.status == 0, "\(kept.stderr)")
            #expect(try await Self.occ(["retention", "reviews"], conninfo: operatorURL).stdout.isEmpty)
            #expect(try await harness.text(
                "SELECT (review_at = retention_from + interval '1 year' AND review_requested_at IS NULL)::text FROM referrals WHERE id = $1",
                scenario.cyberReferral) == "true")
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'retention.kept' AND subject_id = $1", cyber) == 1)
            #expect(try await Self.occ(["retention", "keep", UUID().uuidString, "--period", "1y", "--reason", "x y z"], conninfo: operatorURL).status == 64)
            // The anonymised referral still reads back to its officer (no 500 on the stripped content).
            let read = try await harness.call(harness.tasking.router, .get, "/v1/taskings/\(bankTasking)", token: ftc, purpose: "retention test")
            #expect(read.status == 200)
            await retention.close()
        }
    }

    /// The benefits report, CSV (no generation time), for all time and for today.
    static func reports(_ harness: PipelineHarness, token: String) async throws -> [String] {
        let day = String(Timestamp.format(Date()).prefix(10))
        var reports: [String] = []
        for query in ["format=csv", "format=csv&from=\(day)T00:00:00Z&to=2100-01-01T00:00:00Z"] {
            let response = try await harness.call(harness.feedback.router, .get, "/v1/reports/benefits?\(query)", token: token)
            #expect(response.status == 200)
            reports.append(response.text)
        }
        return reports
    }

    /// Row counts and counters of everything disposal touches.
    static func snapshot(_ harness: PipelineHarness) async throws -> String? {
        try await harness.text("""
            SELECT concat_ws(' ', (SELECT count(*) FROM indicator_sightings), (SELECT count(*) FROM referral_links),
                (SELECT count(*) FROM network_members), (SELECT count(*) FROM feedback_items), (SELECT count(*) FROM indicators),
                (SELECT sum(sightings) FROM indicators), (SELECT sum(referral_count) FROM networks),
                (SELECT count(*) FROM referrals WHERE disposed_at IS NOT NULL OR review_requested_at IS NOT NULL),
                (SELECT count(*) FROM audit_log))
            """)
    }

    /// Every counter agrees with the rows it counts, and nothing names a disposed referral.
    static func expectNothingDangles(_ harness: PipelineHarness) async throws {
        let disposed = "SELECT id FROM referrals WHERE disposed_at IS NOT NULL"
        #expect(try await harness.count("SELECT count(*) FROM referral_links WHERE referral_id IN (\(disposed)) OR linked_referral_id IN (\(disposed))") == 0)
        #expect(try await harness.count("""
            SELECT count(*) FROM indicators i
            WHERE i.sightings <> (SELECT count(*) FROM indicator_sightings s WHERE s.key = i.key)
               OR i.distinct_partners <> (SELECT count(DISTINCT s.partner_id) FROM indicator_sightings s WHERE s.key = i.key)
            """) == 0)
        #expect(try await harness.count("""
            SELECT count(*) FROM indicator_partners p
            WHERE NOT EXISTS (SELECT 1 FROM indicator_sightings s WHERE s.key = p.key AND s.partner_id = p.partner_id)
            """) == 0)
        #expect(try await harness.count("""
            SELECT count(*) FROM networks w WHERE w.merged_into IS NULL
               AND (w.referral_count <> (SELECT count(*) FROM network_members m WHERE m.network_id = w.id)
                    OR w.indicator_count <> (SELECT count(*) FROM network_keys k WHERE k.network_id = w.id))
            """) == 0)
        #expect(try await harness.count("""
            SELECT count(*) FROM network_keys k WHERE NOT EXISTS (
                SELECT 1 FROM indicator_sightings s JOIN network_members m ON m.referral_id = s.referral_id
                WHERE s.key = k.key AND m.network_id = k.network_id)
            """) == 0)
        #expect(try await harness.count("SELECT count(*) FROM referral_scores WHERE referral_id IN (\(disposed)) AND network_id IS NOT NULL") == 0)
        // No partner's TAXII feed holds a live (unrevoked) object of a disposed referral.
        #expect(try await harness.count("""
            SELECT count(*) FROM (SELECT DISTINCT ON (partner_id, collection, object_id) referral_id, object FROM taxii_objects
                                  ORDER BY partner_id, collection, object_id, version DESC) latest
            WHERE latest.referral_id IN (\(disposed)) AND latest.object->'revoked' IS DISTINCT FROM 'true'::jsonb
            """) == 0)
    }
}
