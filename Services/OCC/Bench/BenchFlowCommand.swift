import Domain
import Foundation
import HTTP
import Postgres
import Schema

/// `occ bench flow`: referrals through all four services (intake → enrichment → tasking).
enum BenchFlowCommand: Command {
    static let path = ["bench", "flow"]
    static let summary = "sustained referrals/s through the four services and intake-to-tasking latency"
    static let help = """
        usage: occ bench flow [--seconds N] [--clients N] [--port N] [--statements N] [--use-database-url]
               occ bench flow --campaign [--referrals N] [--clients N] [--port N] [--use-database-url]

        Starts a durable throwaway PostgreSQL and the four service executables, then:
          (1) N clients submit referrals as fast as intake accepts them for the given time; the
              rate is referrals divided by the time until the last one is tasked;
          (2) one client submits at half that rate; latency is from intake's receipt to the
              first tasking, i.e. ready for an agency to act and for feedback to flow (p50/p99);
          (3) throughout both, pg_locks sampled every 10 ms for backends waiting on an audit
              lock (the chainer's advisory lock or audit_log itself): none should, as request
              paths append without a lock and the chainer only try-locks.
        After (1) it prints the CPU time each service process, the clients and PostgreSQL (its
        postmaster and every child) spent per referral tasked. With --statements N the throwaway
        server loads pg_stat_statements (package postgresql-contrib) and the N statements that
        took the most execution time over (1) are printed with calls per referral.

        With --campaign it instead submits N unrelated referrals, then N referrals that all name
        one phone number (partners of all four sectors in turn, so one growing network), and
        prints the cost per referral of each run and their ratio (target: within 2×).

          --seconds N   length of each phase (default 10)
          --referrals N referrals per --campaign run (default 5000)
          --clients N   concurrent submitters in phase 1 (default 8)
          --port N      first of four consecutive service ports (default 19080)
          --statements N  the N costliest statements over (1), from pg_stat_statements
          --use-database-url  run on DATABASE_URL instead, filling it with test partners,
                        referrals and audit rows (refused, exit 2, without this flag)
        """
    static let valuedOptions: Set<String> = ["seconds", "clients", "port", "referrals", "statements"]

    static func run(_ arguments: Arguments) async throws {
        let seconds = try arguments.int("seconds", default: 10)
        let clients = max(1, try arguments.int("clients", default: 8))
        let statements = try arguments.int("statements", default: 0)
        let database = try Database.scratch(
            arguments, command: "bench flow", durable: true,
            settings: statements > 0 ? ["shared_preload_libraries": "pg_stat_statements", "pg_stat_statements.track": "all"] : [:])
        let stack = DemoStack(basePort: try arguments.int("port", default: 19080))
        defer {
            stack.stop()
            database.stop()
        }
        let connection = try await PostgresConnection.connect(database.conninfo, applicationName: "occ-bench")
        try await Migrator().migrate(connection)
        if statements > 0 { _ = try await connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", name: "bench_statements_extension") }
        let logins = try await DemoStack.serviceLogins(database, on: connection)
        await connection.close()
        let logDirectory = "\(NSTemporaryDirectory())occ-bench-flow-\(getpid())"
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        try await stack.start(conninfo: { logins[$0] ?? database.conninfo }, logDirectory: logDirectory)
        let scenario = try await DemoScenario.prepare(conninfo: database.conninfo, ports: stack.ports)
        let flow = FlowBench(scenario: scenario, port: stack.ports["intake"]!)
        if arguments.flag("campaign") {
            try await CampaignBench(flow: flow).report(count: max(1, try arguments.int("referrals", default: 5_000)), clients: clients)
            await scenario.pool.close()
            return
        }

        emit("occ bench flow — \(seconds)s per phase, durable commits, four service processes\n")
        let sampler = try await AuditLockSampler(conninfo: database.conninfo)
        let cpu = ProcessCPU(targets: stack.pids.map { ($0.name, .process($0.pid)) } + [("occ (the clients)", .process(getpid()))]
            + (database.cluster?.postmasterPID().map { [("PostgreSQL", .tree($0))] } ?? []))
        if statements > 0 { _ = try await scenario.pool.query(StatementCosts.reset) }
        let before = cpu.sample()
        let sustained = try await flow.sustained(clients: clients, seconds: seconds)
        let spent = cpu.sample().merging(before) { after, before in after - before }
        let costs = statements > 0 ? try await StatementCosts.top(statements, on: scenario.pool) : []
        emit("(1) sustained, \(clients) clients: \(figure(sustained.rate)) referrals/s tasked (\(sustained.count) referrals, \(sustained.rejected) rejected)   target ≥ 800 (issue 16)")
        let perReferral = cpu.targets.map(\.name).compactMap { name in spent[name].map { "\(name) \(figure($0 / 1000 / Double(max(1, sustained.count)), decimals: 2))" } }
        emit("    CPU ms per referral over (1): " + perReferral.joined(separator: ", ")
            + (database.cluster == nil ? " (PostgreSQL not measured: DATABASE_URL's server is not ours)" : "   target PostgreSQL ≤ 1.5"))
        StatementCosts.print(costs, referrals: sustained.count)
        let paced = try await flow.paced(rate: max(1, sustained.rate / 2), seconds: seconds)
        emit("(2) at \(figure(sustained.rate / 2)) referrals/s: intake→tasking p50 \(figure(paced.p50 * 1000, decimals: 1)) ms, p99 \(figure(paced.p99 * 1000, decimals: 1)) ms (\(paced.count) referrals)")
        let waits = try await sampler.finish()
        let audit = try await scenario.pool.query(FlowBench.auditRows).single
        emit("(3) audit lock waits over both phases: \(waits.samplesWithWaiters) of \(waits.samples) pg_locks samples (every 10 ms) saw a waiter, "
            + "≈ \(figure(waits.estimatedWait.seconds * 1000)) ms waited in all; "
            + "\(try audit?.decode(Int.self, "chained") ?? 0) audit rows chained, \(try audit?.decode(Int.self, "pending") ?? 0) pending")
        await scenario.pool.close()
    }
}

/// The two phases of `occ bench flow`.
struct FlowBench: Sendable {
    let scenario: DemoScenario
    let port: Int

    static let tasked = PostgresQuery("bench_flow_tasked", """
        SELECT count(*)::int AS n,
               coalesce(extract(epoch FROM max(t.first_tasked) - min(r.received_at)), 0)::float8 AS span,
               coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_tasked - r.received_at)), 0)::float8 AS p50,
               coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_tasked - r.received_at)), 0)::float8 AS p99
        FROM referrals r JOIN (SELECT referral_id, min(created_at) AS first_tasked FROM taskings GROUP BY 1) t ON t.referral_id = r.id
        WHERE r.received_at >= $1
        """)
    static let auditRows = PostgresQuery("bench_flow_audit_rows", """
        SELECT count(chain_seq)::int AS chained, (count(*) - count(chain_seq))::int AS pending FROM audit_log
        """)
    static let received = PostgresQuery("bench_flow_received", "SELECT count(*)::int AS n FROM referrals WHERE received_at >= $1")

    func sustained(clients: Int, seconds: Int) async throws -> (rate: Double, count: Int, rejected: Int) {
        let since = Date()
        let deadline = ContinuousClock.now + .seconds(seconds)
        let rejected = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask {
                    let http = HTTPClient(port: port, timeout: .seconds(30))
                    var failures = 0, n = 0
                    while ContinuousClock.now < deadline {
                        n += 1
                        if try await submit(http, client: client, n: n) >= 300 { failures += 1 }
                    }
                    await http.close()
                    return failures
                }
            }
            return try await group.reduce(0, +)
        }
        let (count, span, _, _) = try await waitUntilTasked(since: since)
        return (span > 0 ? Double(count) / span : 0, count, rejected)
    }

    func paced(rate: Double, seconds: Int) async throws -> (p50: Double, p99: Double, count: Int) {
        let since = Date()
        let http = HTTPClient(port: port, timeout: .seconds(30))
        let interval = Duration.nanoseconds(Int64(1e9 / rate))
        var next = ContinuousClock.now
        let end = next + .seconds(seconds)
        var n = 0
        while next < end {
            n += 1
            _ = try await submit(http, client: 99, n: n)
            next += interval
            try await Task.sleep(until: next, clock: .continuous)
        }
        await http.close()
        let (count, _, p50, p99) = try await waitUntilTasked(since: since)
        return (p50, p99, count)
    }

    private func submit(_ http: HTTPClient, client: Int, n: Int) async throws -> Int {
        try await submit(http, sector: .telco, phone: String(format: "+4477009%05d", (client * 7919 + n) % 100_000))
    }

    /// Submits one referral naming `phone` as the partner of `sector`; returns the status code.
    func submit(_ http: HTTPClient, sector: Sector, phone: String) async throws -> Int {
        var headers = HTTPHeaders()
        headers["Authorization"] = "Bearer \(scenario.partnerKeys[sector]!)"
        headers["Content-Type"] = "application/json"
        let body: [String: Any] = [
            "partner_reference": "FLOW-\(UUID().uuidString)", "crime_type": "fraud.app_impersonation",
            "summary": "Scam calls impersonating a bank's fraud team", "time_window": DemoReferrals.window,
            "victims": ["count": 3, "vulnerable": false], "indicators": [["kind": "phone", "value": phone]],
            "gateway": "dpa_2018_sch2_para2", "markings": DemoReferrals.markings,
        ]
        return try await http.send(.post, "/v1/referrals", headers: headers, body: Array(try JSONSerialization.data(withJSONObject: body))).status.code
    }

    /// Waits until every referral received since `since` has a tasking (or 120 s pass).
    func waitUntilTasked(since: Date) async throws -> (Int, Double, Double, Double) {
        let deadline = ContinuousClock.now + .seconds(120)
        let received = try await scenario.pool.query(Self.received.binding(since)).single?.decode(Int.self, "n") ?? 0
        while true {
            guard let row = try await scenario.pool.query(Self.tasked.binding(since)).single else { throw DemoFailure("no result") }
            let count = try row.decode(Int.self, "n")
            if count >= received || ContinuousClock.now > deadline {
                return (count, try row.decode(Double.self, "span"), try row.decode(Double.self, "p50"), try row.decode(Double.self, "p99"))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
