import Foundation

extension JobWorker {
    /// How a worker process fetches, leases and maintains jobs.
    ///
    /// The lease, heartbeat, rescue and outcome-retry defaults bound how long a job can be
    /// stranded by a PostgreSQL restart (or a worker's death) before it runs again, at 2 minutes:
    /// - the restart lasts d seconds: a completion or retry the worker could not write is retried
    ///   with backoff capped at `OutcomeRetry.maxDelay` (5 s), so it is written by d + 5 s; a retry
    ///   then runs after its backoff (about 1 s on a first attempt);
    /// - the outcome still cannot be written when `outcomeRetryWindow` (60 s) closes: the job leaves
    ///   the heartbeat, its lease lapses within `leaseDuration` (30 s), the rescuer of any worker
    ///   finds it within `rescueInterval` (10 s) and a worker claims it within `pollInterval` (1 s;
    ///   at once in the rescuing process): 60 + 30 + 10 + 1 = 101 s;
    /// - the worker process died too: 30 + 10 + 1 = 41 s after its last heartbeat.
    /// Longer leases or windows move these bounds by the same amount.
    public struct Configuration: Sendable {
        /// Queues to work and, per queue, how many jobs may run at once in this process.
        public var queues: [String: Int]
        /// Most jobs claimed per round trip.
        public var batchSize: Int = 200
        /// Per queue, most jobs handed to one call of a kind's batch handler (absent or 1: one job
        /// per call). On such a queue the concurrency limit counts handler calls, not jobs.
        public var handlerBatches: [String: Int] = [:]
        /// Fallback when no NOTIFY arrives (and the only wake-up in poll-only mode).
        public var pollInterval: Duration = .seconds(1)
        /// LISTEN for new-job hints; false for connection poolers in transaction mode.
        public var listen: Bool = true
        /// How long a claimed job is ours without a heartbeat.
        public var leaseDuration: Duration = .seconds(30)
        /// One UPDATE per interval extends the leases of the jobs this process has in flight
        /// (running, or still recording their outcome). Keep it well under `leaseDuration`; after
        /// a failed heartbeat the next one is sent at the next maintenance tick.
        public var heartbeatInterval: Duration = .seconds(10)
        /// How often expired leases (crashed workers, abandoned outcomes) are looked for.
        public var rescueInterval: Duration = .seconds(10)
        /// How long an outcome (completion, retry, cancel, …) that cannot be written is retried,
        /// with exponential backoff and jitter, before the job is left for the rescuer.
        public var outcomeRetryWindow: Duration = .seconds(60)
        /// A handler running longer than this is cancelled and its attempt recorded as a retry
        /// ("timed out after …"), unless its kind was registered with its own timeout; nil: no limit.
        public var jobTimeout: Duration? = .seconds(60)
        /// Finished jobs are kept this long in history, then pruned in batches.
        public var historyRetention: Duration = .seconds(7 * 24 * 3600)
        public var pruneInterval: Duration = .seconds(300)
        /// Jobs this process inserts on a schedule (any one process inserts each run).
        public var periodic: [PeriodicJob] = []
        /// Identifies this process in `attempted_by`.
        public var workerID: String = JobWorker.defaultWorkerID()
        /// Delay before retry number `attempt` (1-based).
        public var backoff: @Sendable (Int) -> Duration = JobWorker.defaultBackoff

        public init(queues: [String: Int]) {
            self.queues = queues
        }
    }

    /// attempt⁴ seconds (1 s, 16 s, 81 s, …) capped at a day, with ±10 % jitter so that jobs
    /// failing together do not retry together.
    public static func defaultBackoff(_ attempt: Int) -> Duration {
        let base = min(pow(Double(max(attempt, 1)), 4), 86_400)
        return .milliseconds(Int(base * Double.random(in: 0.9...1.1) * 1000))
    }

    public static func defaultWorkerID() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }
}

/// PostgreSQL interval text for a duration (millisecond precision).
func intervalText(_ duration: Duration) -> String {
    let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    return "\(milliseconds) milliseconds"
}

/// A duration as people read it: "250 ms", "1.5 s", "300 s".
func readable(_ duration: Duration) -> String {
    let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    if milliseconds < 1000 { return "\(milliseconds) ms" }
    let seconds = Double(milliseconds) / 1000
    return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
}
