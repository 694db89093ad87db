import Foundation
import Queue

/// `occ jobs show ID`: one job in full, with its error history.
enum JobsShowCommand: Command {
    static let path = ["jobs", "show"]
    static let summary = "show one job: arguments, metadata, attempts and every error"
    static let help = """
        usage: occ jobs show ID

        Prints the job with this id, waiting, running or finished: queue, kind, state, priority,
        attempts, times, worker and lease (running jobs), unique key, metadata, arguments, and
        its whole error history oldest first (failed attempts, timeouts, rescues after a lapsed
        lease, operator actions). An unknown id (or one pruned from history) exits 1.
        """

    static func run(_ arguments: Arguments) async throws {
        try JobsArguments.check(arguments, valued: [], positionals: 1)
        let id = try JobsArguments.jobID(arguments)
        guard let detail = try await Database.withOperatorPool({ try await JobQueue(pool: $0).job(id: id) }) else {
            throw JobsCommandError(QueueError(.notFound, jobID: id, reason: "no job \(id) (neither waiting, running nor in history)"))
        }
        print(lines(detail).joined(separator: "\n"))
    }

    static func lines(_ detail: JobDetail) -> [String] {
        let job = detail.summary
        var fields: [(String, String)] = [
            ("queue", JobsTable.printable(job.queue)), ("kind", JobsTable.printable(job.kind)), ("state", job.state.rawValue),
            ("priority", String(job.priority)), ("attempt", "\(job.attempt) of \(job.maxAttempts)"),
            ("created", JobsTable.time(job.createdAt)),
        ]
        if let runAt = job.runAt { fields.append(("due", JobsTable.time(runAt))) }
        if let attemptedAt = job.attemptedAt {
            fields.append(("attempted", "\(JobsTable.time(attemptedAt)) by \(job.attemptedBy.map { JobsTable.printable($0) } ?? "?")"))
        }
        if let running = job.runningSeconds { fields.append(("running for", JobsTable.duration(seconds: running))) }
        if let lease = job.leaseExpiresAt { fields.append(("lease", "\(JobsTable.time(lease)) (\(JobsTable.lease(job)))")) }
        if let finished = job.finishedAt { fields.append(("finished", JobsTable.time(finished))) }
        if let key = detail.uniqueKey { fields.append(("unique key", JobsTable.printable(key))) }
        fields.append(("metadata", JobsTable.printable(detail.metadataJSON, limit: 10_000)))
        var lines = ["job \(job.id)"] + fields.map { "  \($0.0.padding(toLength: 12, withPad: " ", startingAt: 0))\($0.1)" }
        lines.append("args")
        lines += detail.args.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
        lines.append(detail.errors.isEmpty ? "errors: none" : "errors (\(detail.errors.count), oldest first)")
        for entry in detail.errors {
            let attempt = entry.attempt.map { "attempt \($0)" } ?? "operator"
            let worker = entry.worker.map { " by \(JobsTable.printable($0))" } ?? ""
            lines.append("  \(attempt) at \(entry.at ?? "?")\(worker): \(JobsTable.printable(entry.error ?? "?", limit: 2000))")
        }
        return lines
    }
}
