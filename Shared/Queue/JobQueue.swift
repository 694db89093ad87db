import Foundation
import Postgres

/// The client side of the queue: inserting jobs, alone or inside the caller's transaction.
public struct JobQueue: Sendable {
    public let pool: PostgresPool
    let notifier: JobNotifier

    /// `notifyWindow`: at most one NOTIFY per queue per window from this process; more inserts in
    /// the window are announced by one trailing NOTIFY at its end.
    public init(pool: PostgresPool, notifyWindow: Duration = .milliseconds(2)) {
        self.pool = pool
        self.notifier = JobNotifier(pool: pool, window: notifyWindow)
    }

    /// The result of inserting one job.
    public struct Inserted: Sendable, Equatable {
        public let id: Int64
        /// True when a job with the same unique key was already active and nothing was inserted;
        /// `id` is then the active job's (0 if it finished before it could be looked up).
        public let duplicate: Bool
    }

    /// Inserts one job in its own transaction.
    @discardableResult
    public func enqueue<Args: JobArgs>(_ args: Args, options: InsertOptions = InsertOptions()) async throws -> Inserted {
        try await pool.withConnection { try await enqueue(args, options: options, on: $0) }
    }

    /// Inserts one job on `connection`, inside whatever transaction it is in (the outbox pattern:
    /// the job exists if and only if the caller's transaction commits).
    @discardableResult
    public func enqueue<Args: JobArgs>(_ args: Args, options: InsertOptions = InsertOptions(), on connection: PostgresConnection) async throws -> Inserted {
        try await enqueueMany([JobInsert(args, options: options)], on: connection)[0]
    }

    /// Inserts many jobs in one statement (one round trip), results in the order given.
    public func enqueueMany(_ jobs: [JobInsert], on connection: PostgresConnection) async throws -> [Inserted] {
        guard !jobs.isEmpty else { return [] }
        let statements = try insertStatements(jobs)
        for notify in statements.dropLast() { try await connection.query(notify) }
        let rows = try await connection.query(statements[statements.count - 1])
        return try await match(jobs, inserted: rows, on: connection)
    }

    /// The statements `enqueueMany` runs, for callers that pipeline them with their own in one
    /// round trip: any NOTIFYs first, the insert last. The insert returns a row per job inserted;
    /// a job skipped for its unique key returns none (`enqueueMany` tells which).
    public func insertStatements(_ jobs: [JobInsert]) throws -> [PostgresQuery] {
        guard !jobs.isEmpty else { return [] }
        var queues: [String] = [], kinds: [String] = [], args: [String] = [], metadata: [String] = []
        var runAt: [Date?] = [], priorities: [Int] = [], attempts: [Int] = [], keys: [String?] = []
        for job in jobs {
            queues.append(job.options.queue)
            kinds.append(job.kind)
            args.append(job.argsJSON)
            metadata.append(try JobCoding.encode(job.options.metadata))
            runAt.append(job.options.runAt)
            priorities.append(job.options.priority)
            attempts.append(job.options.maxAttempts)
            keys.append(job.options.uniqueKey)
        }
        let distinctQueues = Set(queues)
        // One queue: the insert itself carries the NOTIFY when this process's window allows.
        if distinctQueues.count == 1, notifier.claimNotify(queues[0]) {
            return [JobQueries.insertManyNotify.binding(queues, kinds, args, metadata, runAt, priorities, attempts, keys, queues[0])]
        }
        let notifies = distinctQueues.count > 1
            ? distinctQueues.sorted().filter { notifier.claimNotify($0) }.map { JobQueries.notify.binding($0) }
            : []
        return notifies + [JobQueries.insertMany.binding(queues, kinds, args, metadata, runAt, priorities, attempts, keys)]
    }

    private func match(_ jobs: [JobInsert], inserted rows: PostgresRows, on connection: PostgresConnection) async throws -> [Inserted] {
        // Without unique keys rows come back in insert order; with them, skipped ones are looked up.
        if rows.count == jobs.count, jobs.allSatisfy({ $0.options.uniqueKey == nil }) {
            return try rows.map { Inserted(id: try $0.decode(Int64.self, "id"), duplicate: false) }
        }
        var byKey: [String: Int64] = [:]
        var unkeyed: [Int64] = []
        for row in rows {
            let id = try row.decode(Int64.self, "id")
            if let key = try row.decode(String?.self, "unique_key") { byKey[key] = id } else { unkeyed.append(id) }
        }
        var unkeyedIndex = 0
        var seenKeys = Set<String>()
        var results: [Inserted?] = []
        var missing: [String] = []
        for job in jobs {
            guard let key = job.options.uniqueKey else {
                results.append(Inserted(id: unkeyed[unkeyedIndex], duplicate: false))
                unkeyedIndex += 1
                continue
            }
            if let id = byKey[key], !seenKeys.contains(key) {
                seenKeys.insert(key)
                results.append(Inserted(id: id, duplicate: false))
            } else if let id = byKey[key] {
                results.append(Inserted(id: id, duplicate: true))
            } else {
                missing.append(key)
                results.append(nil)
            }
        }
        guard !missing.isEmpty else { return results.compactMap { $0 } }
        var existing: [String: Int64] = [:]
        for row in try await connection.query(JobQueries.existingUnique.binding(missing)) {
            existing[try row.decode(String.self, "unique_key")] = try row.decode(Int64.self, "id")
        }
        // A duplicate whose original finished in the meantime reports id 0.
        return zip(jobs, results).map { job, result in
            result ?? Inserted(id: existing[job.options.uniqueKey ?? ""] ?? 0, duplicate: true)
        }
    }
}
