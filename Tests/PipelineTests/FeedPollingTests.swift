import Domain
import Foundation
import Postgres
import ServiceKit
import Testing
import TestSupport

/// Feed cursors under concurrent writers (issue 14): a poller never skips an item whose
/// transaction commits after a later one, and never sees one twice.
@Suite("Feed cursors: concurrent writers, exactly once", .serialized)
struct FeedPollingTests {
    static let writers = 8
    static let rounds = 5
    static let perRound = 25

    @Test("1,000 items written by 8 transactions committing in random order reach a concurrent poller exactly once")
    func concurrentWritersExactlyOnce() async throws {
        try await PipelineHarness.with(server: .feeds) { harness in
            let partner = try await harness.partner("Poll Bank", .finance)
            let (referral, outcome) = try await FeedFixture.referralWithOutcome(harness, partner)
            let connections = try await FeedFixture.feedbackConnections(harness, count: Self.writers)
            do {
                try await Self.writeAndPoll(harness, partner, referral, outcome, connections)
            } catch {
                for connection in connections { await connection.close() }
                throw error
            }
            for connection in connections { await connection.close() }
        }
    }

    private static func writeAndPoll(
        _ harness: PipelineHarness, _ partner: TestPartner, _ referral: UUID, _ outcome: Int64, _ connections: [PostgresConnection]
    ) async throws {
        // Every transaction writes in rounds, round by round across all eight, so their feed
        // sequence numbers interleave; transaction 0 is the oldest and stays open longest.
        for connection in connections {
            try await connection.execute("BEGIN", name: "test_begin")
            try await connection.scopeToPartner(partner.id)
        }
        var next = 0
        for _ in 0..<rounds {
            for connection in connections {
                do {
                    try await connection.query(FeedFixture.insertItems.binding(partner.id, referral, outcome, next, next + perRound - 1))
                } catch let error as PostgresError {
                    throw FeedPollingFailure("insert failed: \(error.serverMessage ?? "\(error)")")
                }
                next += perRound
            }
        }
        let expected = Set((0..<next).map(FeedFixture.itemID))
        #expect(expected.count == 1_000)

        let poller = FeedPoller(harness: harness, partner: partner)
        // The newest transaction commits first: nothing may be handed out while older ones are open.
        try await connections[writers - 1].execute("COMMIT", name: "test_commit")
        #expect(try await poller.poll() == 0, "items were handed out while an older writer was still open")

        // The rest commit concurrently, in random order with random delays, while the poller pages.
        let polling = Task { try await poller.pollUntil(count: expected.count) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for connection in connections.dropLast().shuffled() {
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0...40)))
                    try await connection.execute("COMMIT", name: "test_commit")
                }
            }
            try await group.waitForAll()
        }
        let seen = try await polling.value
        #expect(seen.count == expected.count, "duplicates or misses: saw \(seen.count)")
        #expect(expected.subtracting(seen).count == 0, "items never handed out")
        #expect(Set(seen).subtracting(expected).isEmpty, "items that were never written")
        #expect(try await poller.poll() == 0)
    }
}

/// Pages `GET /v1/feedback` with a small limit, remembering the cursor and every id seen in order.
actor FeedPoller {
    let harness: PipelineHarness
    let partner: TestPartner
    private(set) var seen: [String] = []
    private var cursor: String?

    init(harness: PipelineHarness, partner: TestPartner) {
        self.harness = harness
        self.partner = partner
    }

    /// One page; returns how many items it held.
    func poll() async throws -> Int {
        let query = "limit=7" + (cursor.map { "&cursor=\($0)" } ?? "")
        let page = try await harness.feedbackItems(partner, query: query)
        guard page.status == 200, let next = page.json["next_cursor"]?.stringValue else {
            throw FeedPollingFailure("poll answered \(page.status): \(page.json)")
        }
        let ids = page.json["items"]?.strings("id") ?? []
        seen += ids
        cursor = next
        return ids.count
    }

    /// Polls until `count` items were seen (or a generous bound passes: the machine may be loaded).
    /// An empty page means the writers are still open; a short pause then keeps this poller from
    /// hogging a loaded machine (it orders nothing: the commits go on regardless).
    func pollUntil(count: Int) async throws -> [String] {
        // Only a failing test waits this out: on a loaded machine 1,000 items took over 120 s.
        let deadline = ContinuousClock.now + TestTime.scaled(.seconds(300))
        while seen.count < count, ContinuousClock.now < deadline {
            if try await poll() == 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        return seen
    }
}

struct FeedPollingFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Rows the feed test needs, written as the services would (items by the feedback login).
enum FeedFixture {
    static func itemID(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 64 - hex.count) + hex
    }

    /// A referral through tasking, and an outcome recorded against its tasking.
    static func referralWithOutcome(_ harness: PipelineHarness, _ partner: TestPartner) async throws -> (UUID, Int64) {
        let referral = try await harness.submit(partner, Fixtures.bank)
        #expect(try await harness.waitUntilTasked(referral))
        let row = try await harness.pool.query(PostgresQuery("test_feed_outcome", """
            INSERT INTO outcomes (tasking_id, agency_code, kind, outcome, recorded_by, recorded_at)
            SELECT id, agency_code, 'disrupted', '{}', 'test', now() FROM taskings WHERE referral_id = $1 LIMIT 1
            RETURNING id
            """, [referral])).single
        return (referral, try #require(row).decode(Int64.self, "id"))
    }

    /// Connections as the feedback service's own login (its grants, its row-level security).
    static func feedbackConnections(_ harness: PipelineHarness, count: Int) async throws -> [PostgresConnection] {
        var connections: [PostgresConnection] = []
        for _ in 0..<count {
            connections.append(try await PostgresConnection.connect(harness.database.conninfo(as: .feedback), applicationName: "occ-test-writer"))
        }
        return connections
    }

    /// Items `$4`…`$5` for one partner's referral, each a valid FeedbackItem.
    static let insertItems = PostgresQuery("test_feed_insert", """
        INSERT INTO feedback_items (id, partner_id, referral_id, outcome_id, status, item)
        SELECT lpad(to_hex(n), 64, '0'), $1::bigint, $2::uuid, $3::bigint, 'being_actioned',
               jsonb_build_object('id', lpad(to_hex(n), 64, '0'), 'partner_id', $1::bigint::text, 'referral_id', $2::uuid::text,
                                  'status', 'being_actioned', 'message', 'Received and being actioned.',
                                  'disruptions', '[]'::jsonb, 'tlp', 'AMBER', 'issued_at', '2026-06-01T00:00:00.000Z')
        FROM generate_series($4::int, $5::int) AS n
        """)
}
