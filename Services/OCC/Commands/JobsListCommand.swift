import Foundation
import Queue

/// `occ jobs list`: jobs by state, queue and age.
enum JobsListCommand: Command {
    static let path = ["jobs", "list"]
    static let summary = "list jobs by state, queue and age"
    static let help = """
        usage: occ jobs list [--state STATE] [--queue NAME] [--older-than AGE] [--limit N]

        Lists jobs on DATABASE_URL, one per line under a header, tab-separated: id, queue, kind,
        state, attempt/max attempts, created, due (waiting and running jobs) or finished
        (finished jobs), and the latest error.

          --state STATE       \(JobsArguments.states)
                              (default: every waiting and running job, oldest first; finished
                              states list the most recently finished first)
          --queue NAME        only this queue
          --older-than AGE    only jobs created more than AGE ago: 90s, 10m, 2h, 7d
          --limit N           at most N jobs, 1 to 10000 (default 50)

        Usage errors exit 64.
        """
    static let valuedOptions: Set<String> = ["state", "queue", "older-than", "limit"]

    static func run(_ arguments: Arguments) async throws {
        try JobsArguments.check(arguments, valued: valuedOptions)
        let state = try JobsArguments.state(arguments)
        let queue = try JobsArguments.queue(arguments)
        let olderThan = try JobsArguments.age("older-than", arguments)
        let limit = try JobsArguments.limit(arguments)
        let jobs = try await Database.withOperatorPool { pool in
            try await JobQueue(pool: pool).list(state: state, queue: queue, olderThan: olderThan, limit: limit)
        }
        let finished = state?.isFinished == true
        JobsTable.printRows(
            ["ID", "QUEUE", "KIND", "STATE", "ATTEMPT", "CREATED", finished ? "FINISHED" : "DUE", "LAST_ERROR"],
            jobs.map { job in
                [String(job.id), JobsTable.printable(job.queue), JobsTable.printable(job.kind), job.state.rawValue,
                 "\(job.attempt)/\(job.maxAttempts)", JobsTable.time(job.createdAt),
                 JobsTable.time(finished ? job.finishedAt : job.runAt), job.lastError.map { JobsTable.printable($0) } ?? "-"]
            })
        if jobs.count == limit { progressLine("showing the first \(limit) jobs; --limit shows more") }
    }
}
