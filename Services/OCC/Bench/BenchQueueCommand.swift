import Foundation
import Postgres
import Queue
import Runtime
import Schema

/// `occ bench queue`: the queue's figures on this machine, with durable commits.
enum BenchQueueCommand: Command {
    static let path = ["bench", "queue"]
    static let summary = "queue throughput and pickup latency (batch/single enqueue, drain, latency)"
    static let help = """
        usage: occ bench queue [--jobs N] [--seconds N] [--use-database-url]

        On a durable throwaway server (fsync and synchronous_commit on), with no-op jobs:
          (a) enqueue N jobs in batches of 1,000 (one COPY each, durable commit per batch)
          (b) enqueue one job per transaction, 1 and 8 concurrent producers
          (c) drain N jobs with 1 and with 2 worker processes (`occ jobs work`)
          (d) pickup latency at a steady 200 jobs/s (p50/p99)
          (e) idle pickup latency: one job at a time into an idle worker
        and prints each figure beside the best peer measured on this machine and our target.

          --jobs N      jobs for (a) and (c) (default 100000)
          --seconds N   length of (b) and (d) (default 5)
          --use-database-url  run on DATABASE_URL instead, migrating it and filling its queue
                        with probe jobs (refused, exit 2, without this flag)
        """
    static let valuedOptions: Set<String> = ["jobs", "seconds"]

    static func run(_ arguments: Arguments) async throws {
        let jobs = try arguments.int("jobs", default: 100_000)
        let seconds = try arguments.int("seconds", default: 5)
        let database = try Database.scratch(arguments, command: "bench queue", durable: true)
        defer { database.stop() }
        let pool = PostgresPool(.init(conninfo: database.conninfo, maxConnections: 10, applicationName: "occ-bench"))
        _ = try await pool.withConnection { try await Migrator().migrate($0) }
        let bench = QueueBench(pool: pool, conninfo: database.conninfo, jobs: jobs, seconds: seconds)
        emit("occ bench queue — \(jobs) jobs, durable commits (synchronous_commit=on)\n")
        emit("figure                                   ours          best peer   target")
        let batch = try await bench.batchEnqueue()
        report("(a) batch enqueue, jobs/s", batch, peer: "≈ 47,000", target: "≥ 100,000")
        let single1 = try await bench.singleEnqueue(producers: 1)
        report("(b) single enqueue, 1 producer, jobs/s", single1, peer: "", target: "")
        let single8 = try await bench.singleEnqueue(producers: 8)
        report("(b) single enqueue, 8 producers, jobs/s", single8, peer: "≈ 2,000", target: "≥ 4,000")
        let drain1 = try await bench.drain(processes: 1)
        report("(c) drain, 1 worker process, jobs/s", drain1, peer: "", target: "")
        let drain2 = try await bench.drain(processes: 2)
        report("(c) drain, 2 worker processes, jobs/s", drain2, peer: "≈ 5,900", target: "≥ 30,000")
        let steady = try await bench.steadyLatency(rate: 200)
        emit(line("(d) pickup at 200 jobs/s, p50/p99 ms", "\(figure(steady.percentileMilliseconds(0.5), decimals: 2)) / \(figure(steady.percentileMilliseconds(0.99), decimals: 2))",
                   peer: "≈ 2.3 / 3.9", target: "≤ 1.5 / 3"))
        let idle = try await bench.idleLatency(samples: 50)
        emit(line("(e) idle pickup, p50/p99 ms", "\(figure(idle.percentileMilliseconds(0.5), decimals: 2)) / \(figure(idle.percentileMilliseconds(0.99), decimals: 2))",
                   peer: "≈ 3.5", target: "≤ 2"))
        await pool.close()
    }

    private static func report(_ name: String, _ value: Double, peer: String, target: String) {
        emit(line(name, figure(value), peer: peer, target: target))
    }

    private static func line(_ name: String, _ ours: String, peer: String, target: String) -> String {
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        return pad(name, 41) + pad(ours, 14) + pad(peer, 12) + target
    }
}
