/// Which parts of tasking a process runs (`TASKING_MODE`). An agency deploying its own API runs
/// `api` with a login bound to the agency (`occ logins add --service tasking-api --agency …`);
/// the exchange runs the worker, which routes every referral and so is never an agency's.
public enum TaskingMode: String, Sendable, CaseIterable {
    /// Only the `task_referral` worker (its port serves health and metrics only).
    case worker
    /// Only the agency API.
    case api
    /// Both: the exchange's central deployment.
    case all

    var runsWorker: Bool { self != .api }
    var servesAPI: Bool { self != .worker }
}
