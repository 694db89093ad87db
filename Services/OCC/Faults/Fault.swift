/// One fault the suite injects while load runs. The suite's unit: each passes or fails on its own.
enum Fault: String, CaseIterable, Sendable {
    case kill
    case restart
    case stop
    case sweep
    case hold

    /// What is done, for the report.
    func title(_ settings: FaultSettings) -> String {
        switch self {
        case .kill: "kill -9 of \(settings.killed.joined(separator: ", ")) in turn, each restarted as a supervisor would"
        case .restart: "pg_ctl restart -m immediate"
        case .stop: "PostgreSQL stopped for \(settings.outageSeconds) s, then started"
        case .sweep: "pg_terminate_backend of every service connection, \(FaultInjector.sweeps) sweeps \(FaultInjector.sweepSpacing) s apart"
        case .hold: "a REPEATABLE READ transaction holding xmin for \(settings.holdSeconds) s"
        }
    }

    /// PostgreSQL itself went away: the slowest referral must be tasked within two minutes of its return.
    var restartsPostgres: Bool { self == .restart || self == .stop }
}
