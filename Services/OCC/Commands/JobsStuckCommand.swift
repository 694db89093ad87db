import Foundation
import Queue

/// `occ jobs stuck`: running jobs whose attempt started longer ago than a threshold.
enum JobsStuckCommand: Command {
    static let path = ["jobs", "stuck"]
    static let summary = "list jobs running longer than a threshold, with worker and lease"
    static let help = """
        usage: occ jobs stuck [--threshold AGE] [--queue NAME] [--limit N]

        Lists running jobs whose current attempt started more than AGE ago (default 5m),
        longest-running first, tab-separated: id, queue, kind, attempt/max attempts, running
        for, worker (attempted_by), lease expiry and whether it has lapsed.

        A lease still renewed means the worker process is alive and heartbeating the job: it is
        slow or hung in its handler. A lapsed lease means the rescuer will return the job to its
        queue at its next pass. 'occ jobs retry ID --force' returns a running job now.

          --threshold AGE   90s, 10m, 2h, 7d (default 5m)
          --queue NAME      only this queue
          --limit N         at most N jobs, 1 to 10000 (default 50)

        Usage errors exit 64.
        """
    static let valuedOptions: Set<String> = ["threshold", "queue", "limit"]

    static func run(_ arguments: Arguments) async throws {
        try JobsArguments.check(arguments, valued: valuedOptions)
        let threshold = try JobsArguments.age("threshold", arguments) ?? .seconds(300)
        let queue = try JobsArguments.queue(arguments)
        let limit = try JobsArguments.limit(arguments)
        let jobs = try await Database.withOperatorPool { pool in
            try await JobQueue(pool: pool).stuck(threshold: threshold, queue: queue, limit: limit)
        }
        JobsTable.printRows(
            ["ID", "QUEUE", "KIND", "ATTEMPT", "RUNNING_FOR", "WORKER", "LEASE_EXPIRES", "LEASE"],
            jobs.map { job in
                [String(job.id), JobsTable.printable(job.queue), JobsTable.printable(job.kind), "\(job.attempt)/\(job.maxAttempts)",
                 JobsTable.duration(seconds: job.runningSeconds ?? 0), job.attemptedBy.map { JobsTable.printable($0) } ?? "-",
                 JobsTable.time(job.leaseExpiresAt), JobsTable.lease(job)]
            })
    }
}
