/// Where a job is in its life: waiting (`available`, `scheduled`, `retryable`), `running`, or
/// finished (`completed`, `cancelled`, `discarded`). Waiting and running jobs live in `occ_jobs`,
/// finished ones in `occ_job_history`.
public enum JobState: String, CaseIterable, Sendable {
    case available, scheduled, retryable, running, completed, cancelled, discarded

    public var isFinished: Bool { self == .completed || self == .cancelled || self == .discarded }
}
