import Foundation
import Postgres
import Runtime
import Schema

/// `occ faults`: the fault suite — the real services under load while faults are injected, then
/// every referral and outcome accounted for from the database.
enum FaultsCommand: Command {
    static let path = ["faults"]
    static let summary = "fault suite: kill -9, PostgreSQL restart/outage, connection sweep, held xmin — under load"
    static let help = """
        usage: occ faults [--only LIST] [--kill LIST] [--rate N] [--outcome-rate N] [--outage-seconds N]
                          [--hold-seconds N] [--settle-seconds N] [--after-seconds N] [--drain-seconds N]
                          [--recovery-seconds N] [--port N] [--log-dir PATH]

        Starts its own durable throwaway PostgreSQL (DATABASE_URL is not used), migrates it, creates
        a least-privilege LOGIN role per service (member of occ_intake, occ_enrichment, occ_tasking
        or occ_feedback; never a superuser) and runs the four service executables next to this one
        as separate processes, restarting any that dies as a supervisor would (never one alive).
        Two partners per sector submit referrals with overlapping indicators to intake, and an
        officer per agency accepts taskings and records outcomes through the tasking API.

        Faults, one after another, each while the load runs:
          kill      kill -9 of each service in turn (see --kill)
          restart   pg_ctl restart -m immediate
          stop      PostgreSQL stopped for --outage-seconds, then started
          sweep     pg_terminate_backend of every service connection (3 sweeps, 2 s apart)
          hold      a transaction holding xmin (REPEATABLE READ) for --hold-seconds

        After each: the load stops, the pipeline drains by itself (at most --drain-seconds), and
        the database is counted. A fault passes when every referral accepted (2xx with a
        reference) was received, enriched and tasked exactly once and every outcome's feedback
        written exactly once (one audit event and one completed job each) — 0 lost, 0 duplicated,
        0 stranded, no pipeline job left in occ_jobs, drained without intervention, no valid
        request refused, referrals and outcomes recorded, a referral accepted within
        --recovery-seconds of recovery, and the audit chain intact and fully chained. After a PostgreSQL restart or outage every referral must be tasked
        within 120 s of its return; under the held xmin throughput (referrals tasked/s) must stay
        at 50% or more of before, and come back to 80% after. Ends with 'N passed, M failed' and
        exits 1 if any fault failed.

          --only LIST            faults to run, comma-separated (default kill,restart,stop,sweep,hold)
          --kill LIST            services the kill fault kills, in order (default intake,enrichment,tasking,feedback)
          --rate N               referrals per second offered by all partners (default 40)
          --outcome-rate N       outcomes per second recorded by all officers; 0 for none (default 3)
          --outage-seconds N     how long PostgreSQL stays stopped (default 30)
          --hold-seconds N       how long xmin is held (default 120)
          --settle-seconds N     load before each fault (default 15)
          --after-seconds N      load after recovery (default 15)
          --drain-seconds N      longest wait for the pipeline to drain (default 120)
          --recovery-seconds N   longest wait for a killed service, or the first accepted referral (default 60)
          --port N               first of four consecutive service ports (default 19180)
          --log-dir PATH         service and PostgreSQL logs (default a new folder under the temp directory)
        """
    static let valuedOptions: Set<String> = [
        "only", "kill", "rate", "outcome-rate", "outage-seconds", "hold-seconds", "settle-seconds", "after-seconds",
        "drain-seconds", "recovery-seconds", "port", "log-dir",
    ]

    static func run(_ arguments: Arguments) async throws {
        if let option = Set(arguments.options.keys).subtracting(valuedOptions).sorted().first {
            throw UsageError("unknown option --\(option)")
        }
        let settings = try FaultSettings(arguments)
        let logDirectory = settings.logDirectory ?? "\(NSTemporaryDirectory())occ-faults-\(getpid())"
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        progressLine("starting a durable throwaway PostgreSQL; logs in \(logDirectory)")
        let cluster = try await PostgresLocalCluster.start(durable: true, log: progressLine)
        let suite = FaultSuite(settings: settings, cluster: cluster, logDirectory: logDirectory)
        // Ctrl-C or SIGTERM: stop the services and the throwaway database, then leave.
        let interrupt = Task {
            if let signal = await Signals.first() {
                progressLine("\(Signals.name(signal)): stopping")
                suite.tearDown()
                exit(130)
            }
        }
        defer {
            interrupt.cancel()
            suite.tearDown()
        }
        let results = try await suite.run()
        let failed = results.filter { !$0.failures(settings).isEmpty }
        emit("\n\(results.count - failed.count) passed, \(failed.count) failed")
        if !failed.isEmpty { throw FaultsFailed(names: failed.map(\.fault.rawValue)) }
    }

    /// Some fault failed its checks: exit 1 (stdout already says which and why).
    struct FaultsFailed: Error, CustomStringConvertible {
        let names: [String]
        var description: String { "faults that failed: \(names.joined(separator: ", "))" }
    }
}
