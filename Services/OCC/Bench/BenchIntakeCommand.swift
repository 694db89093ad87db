import Foundation
import HTTP
import Postgres
import Schema
import ServiceKit

/// `occ bench intake`: referrals/s accepted by the real `intake` executable over keep-alive connections.
enum BenchIntakeCommand: Command {
    static let path = ["bench", "intake"]
    static let summary = "referrals/s and p50/p99 latency of the intake API with 1 and 8 clients"
    static let help = """
        usage: occ bench intake [--seconds N] [--clients LIST] [--use-database-url]

        On a durable throwaway PostgreSQL (fsync and synchronous_commit on), migrates, registers a
        partner and key, starts the 'intake' executable built next to this 'occ' and posts valid
        referrals (two indicators each) over keep-alive connections.
        Every accepted referral is a full commit: referral, indicators, audit record, enrichment job.
        Then pgbench runs the same transaction, one referral each, at the same client counts.

          --seconds N      length of each timed phase (default 5)
          --clients LIST   comma-separated client counts (default 1,8)
          --use-database-url   run on DATABASE_URL instead, filling it with a test partner,
                           referrals and audit rows (refused, exit 2, without this flag)
        """
    static let valuedOptions: Set<String> = ["seconds", "clients"]

    static func run(_ arguments: Arguments) async throws {
        let seconds = try arguments.int("seconds", default: 5)
        let clientCounts = try (arguments.string("clients") ?? "1,8").split(separator: ",").map { word throws(UsageError) -> Int in
            guard let count = Int(word), (1...256).contains(count) else { throw UsageError("--clients takes counts from 1 to 256") }
            return count
        }
        let database = try Database.scratch(arguments, command: "bench intake", durable: true)
        defer { database.stop() }
        let (token, partnerID) = try await prepare(database.conninfo)
        let intake = try await BenchIntakeServer.start(conninfo: database.conninfo, poolSize: max(clientCounts.max() ?? 8, 8) + 2)
        defer { intake.stop() }
        print("occ bench intake — \(seconds)s per phase, durable commits, intake executable on port \(intake.port)\n")
        print("clients   referrals/s   p50 ms   p99 ms   errors")
        for clients in clientCounts {
            let phase = try await drive(port: intake.port, token: token, clients: clients, seconds: seconds)
            print("\(pad(String(clients), 7))   \(pad(figure(phase.rate), 11))   \(pad(figure(phase.latency.percentileMilliseconds(0.5), decimals: 2), 6))   "
                + "\(pad(figure(phase.latency.percentileMilliseconds(0.99), decimals: 2), 6))   \(pad(String(phase.errors), 6))")
        }
        // The same writes straight from pgbench, one referral per transaction: PostgreSQL's own
        // ceiling for them on this machine, next to ours (which batches concurrent referrals).
        print("\npgbench, the same transaction per referral (no HTTP, no validation, no batching):")
        let script = IntakeTransactionScript.script(
            partnerID: partnerID, referralJSON: String(decoding: referral(reference: "PGBENCH", number: 1), as: UTF8.self))
        for clients in clientCounts {
            let run = try Pgbench.run(database.conninfo, script: script, clients: clients, seconds: seconds)
            print("\(pad(String(clients), 7))   \(pad(figure(run.tps), 11))   avg \(figure(run.latency, decimals: 2)) ms")
        }
    }

    /// Migrates and returns a fresh partner's `partner:submit` key and the partner's id.
    private static func prepare(_ conninfo: String) async throws -> (token: String, partnerID: Int64) {
        let connection = try await PostgresConnection.connect(conninfo, applicationName: "occ-bench")
        try await Migrator().migrate(connection, progress: progressLine)
        await connection.close()
        let pool = PostgresPool(.init(conninfo: conninfo, maxConnections: 1, applicationName: "occ-bench"))
        defer { Task { await pool.close() } }
        let partner = try await PartnerRegistry(pool: pool).add(name: "bench-\(UUID().uuidString.prefix(8))", sector: .finance)
        let token = try await APIKeyRegistry(pool: pool).issue(owner: .partner(id: partner.id), scopes: [.partnerSubmit]).token
        return (token, partner.id)
    }

    private static func drive(port: Int, token: String, clients: Int, seconds: Int) async throws
        -> (rate: Double, latency: LatencyRecorder, errors: Int) {
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let run = UUID().uuidString.prefix(8)
        let results = try await withThrowingTaskGroup(of: (Int, Int, LatencyRecorder).self) { group in
            for client in 0..<clients {
                group.addTask {
                    let http = HTTPClient(port: port, timeout: .seconds(30))
                    let headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
                    var latency = LatencyRecorder()
                    var accepted = 0, errors = 0, sequence = 0
                    while ContinuousClock.now < deadline {
                        sequence += 1
                        let body = referral(reference: "BENCH-\(run)-\(client)-\(sequence)", number: client * 10_000_000 + sequence)
                        let begin = ContinuousClock.now
                        let response = try await http.send(.post, "/v1/referrals", headers: headers, body: body)
                        latency.record(ContinuousClock.now - begin)
                        if response.status == .created { accepted += 1 } else { errors += 1 }
                    }
                    await http.close()
                    return (accepted, errors, latency)
                }
            }
            return try await group.reduce(into: [(Int, Int, LatencyRecorder)]()) { $0.append($1) }
        }
        let elapsed = (ContinuousClock.now - started).seconds
        var latency = LatencyRecorder()
        results.forEach { latency.merge($0.2) }
        return (Double(results.reduce(0) { $0 + $1.0 }) / elapsed, latency, results.reduce(0) { $0 + $1.1 })
    }

    /// A realistic finance referral with a unique phone number and account.
    private static func referral(reference: String, number: Int) -> [UInt8] {
        let digits = String(format: "%08d", number % 100_000_000)
        return Array("""
            {"partner_reference":"\(reference)","crime_type":"fraud.app_impersonation",\
            "summary":"Bank impersonation call; victim moved savings to a safe account","gateway":"eccta_2023_ss188_189",\
            "victims":{"count":1,"vulnerable":true},"loss":{"amount":"2500.00","currency":"GBP"},\
            "indicators":[{"kind":"phone","value":"+4477\(digits)"},{"kind":"uk_bank_account","sort_code":"12-34-56","account_number":"\(digits)"}],\
            "markings":{"tlp":"AMBER","source_evaluation":2,"intelligence_assessment":"B","handling_code":"P"}}
            """.utf8)
    }
}

/// The `intake` executable, started next to this `occ` binary for a benchmark.
private struct BenchIntakeServer {
    let process: Process
    let port: Int

    static func start(conninfo: String, poolSize: Int) async throws -> BenchIntakeServer {
        let own = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let executable = own.deletingLastPathComponent().appendingPathComponent("intake")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw UsageError("no intake executable next to occ at \(executable.path); build it first (swift build -c release)")
        }
        // A random high port: a clash shows up as the readiness wait failing, never as wrong figures.
        let port = Int.random(in: 20_000...60_000)
        let process = Process()
        process.executableURL = executable
        process.environment = [
            "DATABASE_URL": conninfo, "DATABASE_POOL_SIZE": String(poolSize), "HTTP_HOST": "127.0.0.1",
            "HTTP_PORT": String(port), "LOG_LEVEL": "error",
        ]
        try process.run()
        let server = BenchIntakeServer(process: process, port: port)
        let client = HTTPClient(port: port, timeout: .seconds(5))
        for _ in 0..<100 {
            if (try? await client.get("/readyz"))?.status == .ok {
                await client.close()
                return server
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.stop()
        throw UsageError("intake did not become ready on port \(port)")
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}
