import Synchronization

/// The jobs this worker process is running or still recording an outcome for, by id and attempt.
///
/// Only these are heartbeated: a job whose outcome could not be recorded leaves the set, so its
/// lease lapses and the rescuer returns it, instead of the process renewing it for ever.
final class JobsInFlight: Sendable {
    private let jobs = Mutex<[Int64: Int]>([:])

    func add(_ batch: [JobRecord]) {
        jobs.withLock { jobs in
            for job in batch { jobs[job.id] = job.attempt }
        }
    }

    /// Forgets `job`'s attempt (a later attempt of the same id, claimed meanwhile, stays).
    func remove(_ job: JobRecord) {
        jobs.withLock { jobs in
            if jobs[job.id] == job.attempt { jobs[job.id] = nil }
        }
    }

    var count: Int { jobs.withLock { $0.count } }

    /// Ids and "id:attempt" keys, the heartbeat's parameters.
    var heartbeatKeys: (ids: [Int64], keys: [String]) {
        jobs.withLock { jobs in
            (Array(jobs.keys), jobs.map { "\($0.key):\($0.value)" })
        }
    }
}
