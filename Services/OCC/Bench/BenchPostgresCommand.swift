import Foundation
import Postgres

/// `occ bench pg`: our libpq layer next to pgbench on the same server, in the same run.
enum BenchPostgresCommand: Command {
    static let path = ["bench", "pg"]
    static let summary = "insert throughput and latency of the Postgres layer next to pgbench"
    static let help = """
        usage: occ bench pg [--seconds N] [--rounds N] [--use-database-url]

        On a durable throwaway server (fsync and synchronous_commit on), measures single-row
        INSERT transactions with 1 and 4 connections through our layer and through pgbench
        (prepared mode), then a pipelined batch of 1,000 inserts and a COPY of
        100,000 rows, and prints the figures and ratios. The single-row phases alternate pgbench
        and ours for several rounds: rates are medians, the ratio is the median of each round's
        ratio. On a noisy machine the disk's fsync time drifts by 2x within a minute; pairing
        back-to-back runs keeps the comparison side by side.

          --seconds N   length of each timed phase (default 5)
          --rounds N    alternations per single-row comparison (default 3)
          --use-database-url  run on DATABASE_URL instead (it creates and fills a table
                        bench_rows there; refused, exit 2, without this flag)
        """
    static let valuedOptions: Set<String> = ["seconds", "rounds"]

    static func run(_ arguments: Arguments) async throws {
        let seconds = try arguments.int("seconds", default: 5)
        let rounds = try arguments.int("rounds", default: 3)
        guard (1...20).contains(rounds) else { throw UsageError("--rounds takes 1 to 20") }
        let database = try Database.scratch(arguments, command: "bench pg", durable: true)
        defer { database.stop() }
        let setup = try await PostgresConnection.connect(database.conninfo)
        try await setup.execute("""
            DROP TABLE IF EXISTS bench_rows;
            CREATE TABLE bench_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v int NOT NULL, note text NOT NULL)
            """, name: "bench_setup")
        emit("occ bench pg — \(seconds)s per phase, single-row phases alternate over \(rounds) rounds (medians), durable commits\n")
        emit("phase                         ours rows/s   pgbench tps   ratio   ours p50/p99 ms   pgbench avg ms")
        var singleRate = 0.0
        for clients in [1, 4] {
            var pgRuns: [Pgbench.Result] = []
            var ourRuns: [(rate: Double, latency: LatencyRecorder)] = []
            for _ in 0..<rounds {
                pgRuns.append(try pgbench(database.conninfo, clients: clients, seconds: seconds))
                ourRuns.append(try await singleInserts(database.conninfo, clients: clients, seconds: seconds))
            }
            let pg = pgRuns.sorted { $0.tps < $1.tps }[rounds / 2]
            let ours = ourRuns.sorted { $0.rate < $1.rate }[rounds / 2]
            // Each round's pair ran back to back: the median of the paired ratios is the fairest figure.
            let ratio = zip(ourRuns, pgRuns).map { $0.rate / max($1.tps, 1) }.sorted()[rounds / 2]
            if clients == 1 { singleRate = ours.rate }
            emit("single-row insert, \(clients) conn    \(pad(figure(ours.rate), 9))   \(pad(figure(pg.tps), 11))   \(pad(figure(ratio, decimals: 2), 5))   "
                + "\(pad(figure(ours.latency.percentileMilliseconds(0.5), decimals: 2) + "/" + figure(ours.latency.percentileMilliseconds(0.99), decimals: 2), 15))   \(pad(figure(pg.latency, decimals: 2), 14))")
        }
        let pipelined = try await pipelinedInserts(setup, seconds: seconds)
        emit("pipelined batch of 1,000       \(pad(figure(pipelined), 9))             —   \(pad(figure(pipelined / singleRate, decimals: 1), 5))×  single-row (1 conn)")
        let copied = try await copyRows(setup, count: 100_000)
        emit("COPY of 100,000 rows           \(pad(figure(copied), 9))             —   \(pad(figure(copied / singleRate, decimals: 1), 5))×  single-row (1 conn)")
        await setup.close()
    }

    private static func singleInserts(_ conninfo: String, clients: Int, seconds: Int) async throws -> (rate: Double, latency: LatencyRecorder) {
        let insert = PostgresQuery("bench_insert", "INSERT INTO bench_rows (v, note) VALUES ($1, 'x')")
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let results = try await withThrowingTaskGroup(of: (Int, LatencyRecorder).self) { group in
            for _ in 0..<clients {
                group.addTask {
                    let connection = try await PostgresConnection.connect(conninfo, applicationName: "occ-bench")
                    // As a pooled lease would: the client's loop runs on the connection's thread.
                    let result = try await connection.withAffinity { connection in
                        var latency = LatencyRecorder()
                        var count = 0
                        while ContinuousClock.now < deadline {
                            let begin = ContinuousClock.now
                            try await connection.query(insert.binding(Int.random(in: 1...1_000_000)))
                            latency.record(ContinuousClock.now - begin)
                            count += 1
                        }
                        return (count, latency)
                    }
                    await connection.close()
                    return result
                }
            }
            return try await group.reduce(into: [(Int, LatencyRecorder)]()) { $0.append($1) }
        }
        var latency = LatencyRecorder()
        results.forEach { latency.merge($0.1) }
        let total = results.reduce(0) { $0 + $1.0 }
        return (Double(total) / (ContinuousClock.now - started).seconds, latency)
    }

    private static func pgbench(_ conninfo: String, clients: Int, seconds: Int) throws -> Pgbench.Result {
        try Pgbench.run(conninfo, script: "\\set v random(1, 1000000)\nINSERT INTO bench_rows (v, note) VALUES (:v, 'x');\n",
                        clients: clients, seconds: seconds)
    }

    private static func pipelinedInserts(_ connection: PostgresConnection, seconds: Int) async throws -> Double {
        let insert = PostgresQuery("bench_insert", "INSERT INTO bench_rows (v, note) VALUES ($1, 'x')")
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        var rows = 0
        while ContinuousClock.now < deadline {
            _ = try await connection.pipeline((0..<1000).map { insert.binding($0) })
            rows += 1000
        }
        return Double(rows) / (ContinuousClock.now - started).seconds
    }

    private static func copyRows(_ connection: PostgresConnection, count: Int) async throws -> Double {
        let started = ContinuousClock.now
        let rows = (0..<count).lazy.map { i -> [any PostgresEncodable] in [i, "x"] }
        try await connection.copyIn("COPY bench_rows (v, note) FROM STDIN", name: "bench_copy", rows: rows)
        return Double(count) / (ContinuousClock.now - started).seconds
    }
}
