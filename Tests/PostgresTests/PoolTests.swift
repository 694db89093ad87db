import Foundation
@testable import Postgres
import Synchronization
import Testing
import TestSupport

@Suite("Connection pool")
struct PoolTests {
    private static let one = PostgresQuery("one", "SELECT 1 AS v")

    @Test("an exhausted pool makes callers wait, then serves them, never exceeding its size")
    func exhaustionWaits() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let queued = Countdown(4)
        let pool = PostgresPool(
            .init(conninfo: db.conninfo, maxConnections: 2, acquireTimeout: .seconds(60)),
            hooks: .init(waiterQueued: { queued.arrive() }))
        let holding = Countdown(2)
        let release = Gate()
        let inFlight = InFlight()
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<6 {
                group.addTask {
                    try await pool.withConnection { connection in
                        inFlight.enter()
                        holding.arrive()
                        await release.wait()
                        defer { inFlight.leave() }
                        try await connection.query(Self.one)
                        return i
                    }
                }
            }
            // Two callers hold both connections and the other four are queued: only then let go.
            await holding.reached.wait()
            await queued.reached.wait()
            #expect(pool.counts == (open: 2, idle: 0, waiting: 4))
            release.open()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values.sorted() == [0, 1, 2, 3, 4, 5])
        #expect(inFlight.most == 2)
        #expect(pool.counts == (open: 2, idle: 2, waiting: 0))
        await pool.close()
    }

    @Test("a waiter gives up after the acquire timeout")
    func acquireTimeout() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let pool = PostgresPool(.init(conninfo: db.conninfo, maxConnections: 1, acquireTimeout: .milliseconds(200)))
        let (holder, release) = await pool.holdingOneConnection()
        let error = try await #require(throws: PostgresError.self) { try await pool.query(Self.one) }
        #expect(error.code == .poolTimeout)
        release.open()
        try await holder.value
        #expect(pool.counts == (open: 1, idle: 1, waiting: 0))
        await pool.close()
    }

    @Test("a zero acquire timeout fails at once on an exhausted pool, and strands no waiter")
    func zeroAcquireTimeout() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let pool = PostgresPool(.init(conninfo: db.conninfo, maxConnections: 1, acquireTimeout: .zero))
        let (holder, release) = await pool.holdingOneConnection()
        for _ in 0..<500 {
            let attempt = Task { try await pool.query(Self.one) }
            // A lost timeout would strand the waiter: cancel it after a while so the test fails, not hangs.
            let rescue = Task(executorPreference: globalConcurrentExecutor) {
                try await Task.sleep(for: .seconds(10))
                attempt.cancel()
            }
            let error = try await #require(throws: PostgresError.self) { try await attempt.value }
            rescue.cancel()
            #expect(error.code == .poolTimeout)
        }
        #expect(pool.counts.waiting == 0)
        release.open()
        try await holder.value
        await pool.close()
    }

    @Test("a task cancelled before it could queue for a connection fails at once with cancelled")
    func cancelledBeforeQueueing() async throws {
        let db = try await TestDatabase.create(template: .empty)
        // Long enough that a lost cancellation shows as a pool timeout long after the expectation.
        let pool = PostgresPool(.init(conninfo: db.conninfo, maxConnections: 1, acquireTimeout: .seconds(10)))
        let (holder, release) = await pool.holdingOneConnection()
        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await pool.query(Self.one)
        }
        let error = try await #require(throws: PostgresError.self) { try await cancelled.value }
        #expect(error.code == .cancelled)
        #expect(pool.counts.waiting == 0)
        release.open()
        try await holder.value
        #expect(try await pool.query(Self.one).single?.decode(Int.self, "v") == 1)
        await pool.close()
    }

    @Test("a task cancelled while queued leaves the queue with cancelled")
    func cancelledWhileQueued() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let queued = Gate()
        let pool = PostgresPool(
            .init(conninfo: db.conninfo, maxConnections: 1, acquireTimeout: .seconds(60)),
            hooks: .init(waiterQueued: { queued.open() }))
        let (holder, release) = await pool.holdingOneConnection()
        let waiter = Task { try await pool.query(Self.one) }
        await queued.wait()
        waiter.cancel()
        let error = try await #require(throws: PostgresError.self) { try await waiter.value }
        #expect(error.code == .cancelled)
        #expect(pool.counts.waiting == 0)
        release.open()
        try await holder.value
        await pool.close()
    }

    @Test("a connection killed by the server while leased is replaced")
    func reconnect() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let pool = db.pool(maxConnections: 1)
        let pid = try await pool.query(PostgresQuery("pid", "SELECT pg_backend_pid() AS pid")).single!.decode(Int.self, "pid")
        let admin = try await db.connect()
        try await admin.query(PostgresQuery("kill", "SELECT pg_terminate_backend($1)", [pid]))
        // Just used, so not pinged before reuse: the first statement meets the dead session.
        await #expect(throws: PostgresError.self) { try await pool.query(PostgresQuery("one", "SELECT 1")) }
        let newPid = try await pool.query(PostgresQuery("pid", "SELECT pg_backend_pid() AS pid")).single!.decode(Int.self, "pid")
        #expect(newPid != pid)
        await admin.close()
        await pool.close()
    }
}

/// How many callers are inside a section at once, and the most there ever were.
private final class InFlight: Sendable {
    private let state = Mutex((now: 0, most: 0))
    func enter() { state.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
    func leave() { state.withLock { $0.now -= 1 } }
    var most: Int { state.withLock { $0.most } }
}
