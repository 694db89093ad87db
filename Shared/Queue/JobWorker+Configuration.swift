import Foundation

extension JobWorker {
    /// How a worker process fetches, leases and maintains jobs.
    public struct Configuration: Sendable {
        /// Queues to work and, per queue, how many jobs may run at once in this process.
        public var queues: [String: Int]
        /// Most jobs claimed per round trip.
        public var batchSize: Int = 200
        /// Fallback when no NOTIFY arrives (and the only wake-up in poll-only mode).
        public var pollInterval: Duration = .seconds(1)
        /// LISTEN for new-job hints; false for connection poolers in transaction mode.
        public var listen: Bool = true
        /// How long a claimed job is ours without a heartbeat.
        public var leaseDuration: Duration = .seconds(60)
        /// One UPDATE per interval extends the leases of every job this process holds.
        public var heartbeatInterval: Duration = .seconds(15)
        /// How often expired leases (crashed workers) are looked for.
        public var rescueInterval: Duration = .seconds(15)
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
