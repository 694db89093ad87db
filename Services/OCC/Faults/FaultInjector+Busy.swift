import Foundation
import Postgres

extension FaultInjector {
    /// Work in flight a fault is aimed at.
    enum Busy: Sendable {
        /// A claimed (running) job of the queue.
        case job(queue: String)
        /// A running job of any of the pipeline's queues.
        case anyJob
        /// An open transaction of the login (intake's requests).
        case transaction(String)
    }

    /// Longest wait for work in flight before the fault goes ahead anyway.
    static let busyWait: Duration = .seconds(5)

    static let runningJobs = PostgresQuery("faults_running_jobs", """
        SELECT count(*)::int FROM occ_jobs WHERE state = 'running' AND queue = ANY($1::text[])
        """)
    static let openTransactions = PostgresQuery("faults_open_transactions", """
        SELECT count(*)::int FROM pg_stat_activity WHERE usename = $1 AND xact_start IS NOT NULL AND state <> 'idle'
        """)

    /// Polls until `target` has work in flight (at most `busyWait`), then runs `fault` at once;
    /// says what was in flight, for the report.
    func whenBusy<T>(_ target: Busy, _ fault: () async throws -> T) async throws -> (T, String) {
        let query = switch target {
        case .job(let queue): Self.runningJobs.binding([queue])
        case .anyJob: Self.runningJobs.binding(FaultAccountingQueries.pipelineQueues)
        case .transaction(let login): Self.openTransactions.binding(login)
        }
        let connection = try await PostgresConnection.connect(database.conninfo, applicationName: "occ-faults")
        let deadline = ContinuousClock.now + Self.busyWait
        var seen = 0
        while ContinuousClock.now < deadline {
            seen = (try? await connection.query(query).single?.decode(Int.self, at: 0)) ?? 0
            if seen > 0 { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        let value: T
        do {
            value = try await fault()
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        let what = switch target {
        case .job, .anyJob: "job"
        case .transaction: "open transaction"
        }
        return (value, seen > 0 ? "\(seen) \(what)\(seen == 1 ? "" : "s") in flight just before"
            : "no \(what) in flight within \(seconds(Self.busyWait)) s; injected anyway")
    }
}
