import Dispatch
import Foundation
import Postgres

/// Injects one fault and says when the system had the means to recover from it. Each fault is
/// aimed at work in flight (see `whenBusy`), where a fault does its damage.
struct FaultInjector: Sendable {
    let settings: FaultSettings
    let cluster: PostgresLocalCluster
    let supervisor: ServiceSupervisor
    let database: FaultDatabase

    /// When the fault began and ended, and what happened on the way.
    struct Event: Sendable {
        var injectedAt = Date()
        /// PostgreSQL accepting connections again, the last killed service ready, the sweep done, the hold released.
        var recoveredAt = Date()
        var notes: [String] = []
    }

    /// Sweeps, and seconds between them: at a modest rate one sweep often lands between jobs.
    static let sweeps = 3
    static let sweepSpacing = 2
    /// Seconds of load between two kills.
    static let killSpacing = 3

    func inject(_ fault: Fault) async throws -> Event {
        var event = Event()
        switch fault {
        case .kill:
            try await killInTurn(&event)
        case .restart:
            event.notes.append(try await whenBusy(.anyJob) { [cluster] in
                try await cluster.restart(mode: "immediate")
            }.1)
        case .stop:
            event.notes.append(try await whenBusy(.anyJob) { [cluster] in
                try await cluster.stopServer(mode: "fast")
            }.1)
            try await Task.sleep(for: .seconds(settings.outageSeconds))
            try await cluster.startServer()
        case .sweep:
            for sweep in 1...Self.sweeps {
                if sweep > 1 { try await Task.sleep(for: .seconds(Self.sweepSpacing)) }
                let (terminated, busy) = try await whenBusy(.anyJob) {
                    try await database.count(Self.terminate.binding(FaultSettings.services.map(ServiceLogins.login)))
                }
                event.notes.append("sweep \(sweep) (\(busy)): \(terminated) service connections terminated")
            }
        case .hold:
            try await hold(&event)
        }
        event.recoveredAt = Date()
        return event
    }

    static let terminate = PostgresQuery("faults_terminate_services", """
        SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ANY($1::text[])
        """)
    static let holdSnapshot = PostgresQuery("faults_hold_snapshot", "SELECT 1 FROM referrals LIMIT 1")
    static let heldXmin = PostgresQuery("faults_held_xmin", """
        SELECT backend_xmin::text AS xmin FROM pg_stat_activity WHERE pid = pg_backend_pid() AND backend_xmin IS NOT NULL
        """)

    /// Each service in turn: SIGKILL while it has work in flight, then wait until the
    /// supervisor's new process is ready.
    private func killInTurn(_ event: inout Event) async throws {
        for (index, name) in settings.killed.enumerated() {
            if index > 0 { try await Task.sleep(for: .seconds(Self.killSpacing)) }
            let target: Busy = name == "intake" ? .transaction(ServiceLogins.login(name)) : .job(queue: name)
            let (pid, busy) = try await whenBusy(target) { supervisor.kill(name) }
            guard let pid else {
                event.notes.append("\(name) was not running when its turn came")
                continue
            }
            let ready = await supervisor.waitReady(name, replacing: pid, timeout: .seconds(settings.recoverySeconds))
            event.notes.append("\(name) pid \(pid) killed (\(busy)); " + (ready.map { "restarted and ready in \(seconds($0)) s" }
                ?? "NOT ready again within \(settings.recoverySeconds) s"))
        }
    }

    /// Opens a REPEATABLE READ transaction that holds its snapshot (and so the xmin horizon
    /// vacuum may clean up to) for `holdSeconds`, then ends it (it wrote nothing).
    private func hold(_ event: inout Event) async throws {
        let seconds = settings.holdSeconds
        let xmin = try await database.withConnection { connection in
            try await connection.transaction(isolation: .repeatableRead) { connection in
                try await connection.query(Self.holdSnapshot)
                let xmin = try await connection.query(Self.heldXmin).single?.decode(String.self, "xmin")
                try await Task.sleep(for: .seconds(seconds))
                return xmin
            }
        }
        event.notes.append(xmin.map { "xmin \($0) held for \(seconds) s" } ?? "the transaction held NO xmin")
    }
}

/// Seconds with one decimal, for reports.
func seconds(_ interval: TimeInterval) -> String { String(format: "%.1f", interval) }

func seconds(_ duration: Duration) -> String {
    seconds(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
}
