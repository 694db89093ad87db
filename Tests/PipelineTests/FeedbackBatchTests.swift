import FeedbackApp
import Foundation
import Postgres
import Runtime
import ServiceKit
import Testing

/// `deliver_feedback` jobs handled in batches by the real feedback worker: each job's items, TAXII
/// objects, webhook events and audit record commit in the transaction that completes it, and a
/// job that fails its batch is run again alone without disturbing the others. A batch is cut into
/// transactions by its outcomes' recipients: with `FEEDBACK_TRANSACTION_RECIPIENTS` at 4 (each
/// outcome here reaches one referral) no transaction stores more than four outcomes' items, and the
/// poison fails alone after the transactions before it committed.
@Suite("Feedback: deliveries in batches", .serialized)
struct FeedbackBatchTests {
    static let outcomes = 50

    @Test(
        "50 outcomes' deliveries complete in batches, each with its effects in its own completion's transaction; one poison job fails alone",
        arguments: [2_000, 4])
    func batchesWithPoison(transactionRecipients: Int) async throws {
        try await PipelineHarness.with(
            webhooks: WebhookDeliveryTests.settings(), feedbackWorker: false, transactionRecipients: transactionRecipients
        ) { harness in
            let telco = try await harness.partner("Batch Telco", .telco)
            let receiver = try WebhookReceiver()
            let hooks = try await APIKeyRegistry(pool: harness.pool).issue(owner: .partner(id: telco.id), scopes: [.partnerWebhooks])
            receiver.hold(secrets: [try #require(try await WebhookDeliveryTests.register(harness, TestPartner(id: telco.id, token: hooks.token), url: receiver.url))])

            // Unrelated referrals (a phone number each), so each outcome reaches its own referral only.
            var referrals: [(id: UUID, key: String)] = []
            for n in 0..<Self.outcomes {
                let digits = String(format: "%03d", 200 + n)
                let id = try await harness.submit(telco, Fixtures.referral(
                    "BATCH-\(n)", crimeType: "fraud.app_impersonation", summary: "Spoofed bank calls asking victims to move money",
                    indicators: #"{"kind": "phone", "value": "07700 900\#(digits)"}"#))
                referrals.append((id, "phone:+447700900\(digits)"))
            }
            for referral in referrals { #expect(try await harness.waitUntilTasked(referral.id)) }
            #expect(try await harness.waitUntilIdle())

            // Every outcome recorded while the feedback worker is stopped: its first claim takes all 50 jobs.
            var officers: [String: String] = [:], outcomeIDs: [Int] = []
            for referral in referrals {
                let row = try #require(try await harness.pool.query(PostgresQuery(
                    "test_tasking", "SELECT id::text AS id, agency_code FROM taskings WHERE referral_id = $1 ORDER BY agency_code LIMIT 1",
                    [referral.id])).single)
                let agency = try row.decode(String.self, "agency_code")
                if officers[agency] == nil { officers[agency] = try await harness.agencyToken(agency) }
                let recorded = try await harness.call(
                    harness.tasking.router, .post, "/v1/taskings/\(try row.decode(String.self, "id"))/outcome", token: officers[agency]!,
                    body: #"{"kind": "disrupted", "disruptions": [{"kind": "block_number", "indicator_key": "\#(referral.key)"}]}"#,
                    purpose: "recording the outcome")
                #expect(recorded.status == 201, "\(recorded.text)")
                outcomeIDs.append(try #require(recorded.json["outcome_id"]?.intValue))
            }
            #expect(try await harness.count("SELECT count(*)::int FROM occ_jobs WHERE kind = 'deliver_feedback' AND state = 'available'") == Self.outcomes)

            // The poison: storing this outcome's item fails, after other jobs' items in its batch were written.
            let poison = outcomeIDs[Self.outcomes / 2]
            _ = try await harness.pool.query(PostgresQuery("test_poison_function", """
                CREATE FUNCTION test_poison_feedback() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.outcome_id = \(poison) THEN RAISE EXCEPTION 'poisoned delivery'; END IF;
                    RETURN NEW;
                END $$
                """))
            _ = try await harness.pool.query(PostgresQuery("test_poison_trigger", """
                CREATE TRIGGER test_poison BEFORE INSERT ON feedback_items FOR EACH ROW EXECUTE FUNCTION test_poison_feedback()
                """))

            let worker = harness.feedback.worker
            let running = Task { try await worker.run() }
            // The batch holding the poison is run again one job at a time: minutes on a loaded machine.
            #expect(try await harness.eventually(timeout: .seconds(300)) {
                try await harness.count("SELECT count(*)::int FROM occ_job_history WHERE kind = 'deliver_feedback' AND state = 'completed'")
                    == Self.outcomes - 1
            })
            #expect(try await harness.eventually(timeout: .seconds(300)) {
                try await harness.count("""
                    SELECT count(*)::int FROM occ_jobs WHERE kind = 'deliver_feedback' AND (args->>'outcome_id')::int8 = $1
                    AND state IN ('retryable', 'discarded') AND errors::text LIKE '%feedback_items_insert%'
                    """, Int64(poison)) == 1
            })

            // Batches: some transaction stored several outcomes' items, and none more recipients' than allowed.
            let most = try await harness.count("""
                SELECT max(n)::int FROM (SELECT count(DISTINCT outcome_id) AS n FROM feedback_items GROUP BY xmin::text) AS per_transaction
                """)
            #expect(most > 1 && most <= transactionRecipients)
            // Exactly once, in the completing transaction: each completed job's outcome has its one
            // item written by the transaction that moved the job to history (items are never updated,
            // so their xmin is that transaction's), one `feedback.written` record, one webhook event
            // carrying the item, and one outcome note and one confirmed indicator in TAXII.
            #expect(try await harness.count("""
                SELECT count(*)::int FROM occ_job_history h
                JOIN feedback_items f ON f.outcome_id = (h.args->>'outcome_id')::int8 AND f.xmin::text = h.xmin::text
                WHERE h.kind = 'deliver_feedback' AND h.state = 'completed'
                """) == Self.outcomes - 1)
            #expect(try await harness.count("""
                SELECT count(DISTINCT subject_id)::int FROM audit_log WHERE action = 'feedback.written' AND subject_id <> $1
                """, String(poison)) == Self.outcomes - 1)
            // (The collections also hold the exchange's identity and extension definition; the
            // endpoint also receives the pipeline's other events.)
            let counts = (
                items: try await harness.count("SELECT count(*)::int FROM feedback_items"),
                audits: try await harness.count("SELECT count(*)::int FROM audit_log WHERE action = 'feedback.written'"),
                notes: try await harness.count("""
                    SELECT count(DISTINCT object_id)::int FROM taxii_objects WHERE collection = 'outcomes' AND object->>'type' = 'note'
                    """),
                confirmed: try await harness.count("""
                    SELECT count(DISTINCT object_id)::int FROM taxii_objects WHERE collection = 'confirmed' AND object->>'type' = 'indicator'
                    """),
                poisoned: try await harness.count("SELECT count(*)::int FROM feedback_items WHERE outcome_id = $1", Int64(poison)))
            #expect(try await harness.count("SELECT count(*)::int FROM webhook_events WHERE type = 'feedback.released'") == Self.outcomes - 1)
            #expect(counts.items == Self.outcomes - 1)
            #expect(counts.audits == Self.outcomes - 1)
            #expect(counts.notes == Self.outcomes - 1)
            #expect(counts.confirmed == Self.outcomes - 1)
            #expect(counts.poisoned == 0)
            // Each released item's event reaches the partner's endpoint (at least once, as webhooks go).
            let released = try await harness.pool.query(PostgresQuery(
                "test_released_events", "SELECT id::text AS id FROM webhook_events WHERE type = 'feedback.released'")).map { try $0.decode(String.self, "id") }
            #expect(try await harness.eventually(timeout: WebhookDeliveryTests.patience) {
                released.allSatisfy { receiver.received.accepted[$0] != nil }
            })
            // Each carries its own item, as stored (delivered events drop their stored payload).
            let items = try await harness.pool.query(PostgresQuery("test_item_ids", "SELECT id FROM feedback_items")).map { try $0.decode(String.self, "id") }
            let pushed = released.compactMap { receiver.received.data[$0]?["id"]?.stringValue }
            #expect(Set(pushed) == Set(items) && pushed.count == items.count)
            #expect(receiver.received.badSignatures == 0)

            worker.shutdown()
            try await running.value
            try await receiver.stop()
        }
    }

    @Test("FEEDBACK_BATCH is 32 and FEEDBACK_TRANSACTION_RECIPIENTS 2000 unless set; feedback reads the partner rate limit too")
    func settings() throws {
        #expect(try FeedbackSettings(config: Config([:])).batch == 32)
        #expect(try FeedbackSettings(config: Config([:])).transactionRecipients == 2_000)
        #expect(try FeedbackSettings(config: Config(["FEEDBACK_TRANSACTION_RECIPIENTS": "1"])).transactionRecipients == 1)
        #expect(throws: ConfigError.self) { try FeedbackSettings(config: Config(["FEEDBACK_TRANSACTION_RECIPIENTS": "0"])) }
        #expect(try FeedbackSettings(config: Config(["FEEDBACK_BATCH": "8"])).batch == 8)
        #expect(throws: ConfigError.self) { try FeedbackSettings(config: Config(["FEEDBACK_BATCH": "0"])) }
        #expect(throws: ConfigError.self) { try FeedbackSettings(config: Config(["FEEDBACK_BATCH": "501"])) }
        let limited = try FeedbackSettings(config: Config(["PARTNER_RATE_LIMIT": "7", "PARTNER_RATE_BURST": "9"])).partnerRateLimit
        #expect(limited.rate == 7 && limited.burst == 9)
    }
}
