import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit
import Synchronization
import Testing

/// Webhook deliveries as a retention record class: the disposal job deletes delivered and dead
/// ones past their rule's period, batch by batch, and never a pending one.
@Suite("Retention: webhook deliveries", .serialized)
struct RetentionDeliveryTests {
    @Test("the job deletes delivered and dead deliveries past 90 days, chained in batches, one audit event per batch; pending and recent ones stay")
    func deliveriesDisposed() async throws {
        try await PipelineHarness.with { harness in
            let partner = try await harness.partner("Hooked Telco", .telco)
            // Deliveries as the feedback worker leaves them (no queue jobs: nothing will touch them).
            let seed = PostgresQuery("test_seed_deliveries", """
                INSERT INTO webhook_events (id, partner_id, type, payload, state, delivered_at, dead_at)
                SELECT gen_random_uuid(), $1, 'feedback.released', '{}'::jsonb, s.state, s.delivered, s.dead
                FROM (VALUES ('delivered', now(), NULL::timestamptz), ('delivered', now(), NULL), ('dead', NULL, now()),
                             ('pending', NULL, NULL), ('delivered', now() + interval '60 days', NULL)) AS s(state, delivered, dead)
                """, [partner.id])
            try await harness.pool.query(seed)
            #expect(try await harness.text("SELECT record_class || ' ' || review_period::text || ' ' || action FROM retention_rules WHERE id = 'webhook-deliveries'")
                == "webhook_deliveries 90 days delete")

            let later = Date().addingTimeInterval(91 * 86_400)
            let retention = PostgresPool(.init(
                conninfo: harness.database.conninfo(as: .retention), maxConnections: 2, applicationName: "occ-test-retention"))
            let done = Mutex(0)
            var registry = JobWorkerRegistry()
            ReviewRetention.register(in: &registry, pool: retention, clock: { later }, done: { _ in done.withLock { $0 += 1 } })
            let worker = JobWorker(
                pool: retention, conninfo: harness.database.conninfo(as: .retention), registry: registry,
                configuration: JobWorker.Configuration(queues: [ReviewRetention.queue: 1]), logger: Logger(service: "retention", level: .warning))
            let running = Task { try await worker.run() }
            _ = try await JobQueue(pool: retention).enqueue(ReviewRetention(batchSize: 1), options: InsertOptions(queue: ReviewRetention.queue))
            // Three due, batches of one: three full batches chain a fourth that finds nothing.
            let drained = try await harness.eventually(timeout: .seconds(120)) {
                let waiting = try await harness.count("SELECT count(*) FROM occ_jobs WHERE queue = 'retention'")
                return done.withLock { $0 } == 4 && waiting == 0
            }
            worker.shutdown()
            try await running.value
            await retention.close()
            #expect(drained)

            #expect(try await harness.text("SELECT string_agg(state, ',' ORDER BY state) FROM webhook_events") == "delivered,pending")
            #expect(try await harness.count("SELECT count(*) FROM webhook_events WHERE state = 'delivered' AND delivered_at > now() + interval '59 days'") == 1)
            let audited = "SELECT count(*) FROM audit_log WHERE action = 'retention.deleted' AND subject_id = 'webhook_deliveries' AND event::jsonb->'detail'->>'rule' = 'webhook-deliveries'"
            #expect(try await harness.count(audited) == 3)
            #expect(try await harness.count(audited + " AND event::jsonb->'detail'->>'deliveries' = '1'") == 3)
            let connection = try await harness.database.connect()
            try await AuditLog.chainPending(on: connection)
            #expect(try await AuditLog.verify(on: connection).isIntact)
            await connection.close()
        }
    }
}
