import Foundation
import Queue

/// `occ jobs cancel ID`: end a job for good, as cancelled.
enum JobsCancelCommand: Command {
    static let path = ["jobs", "cancel"]
    static let summary = "cancel a waiting job (a running one with --force)"
    static let help = """
        usage: occ jobs cancel ID [--reason TEXT] [--force]

        Moves a waiting job (available, scheduled, retryable) to history as cancelled, with
        the reason added to its error history. 'occ jobs retry ID' brings it back.

          --reason TEXT   recorded with the job (default: cancelled by operator)
          --force         also cancel a running job: its handler is not interrupted, but
                          whatever that attempt records afterwards is refused, so a handler
                          completing in its own transaction rolls back

        An unknown id, or a finished job, exits 1; usage errors exit 64.
        """
    static let valuedOptions: Set<String> = ["reason"]

    static func run(_ arguments: Arguments) async throws {
        try await JobsEnding.run(arguments, as: .cancelled)
    }
}

/// `occ jobs discard ID`: end a job for good, as discarded (the dead-letter state).
enum JobsDiscardCommand: Command {
    static let path = ["jobs", "discard"]
    static let summary = "send a waiting job to the dead-letter state (a running one with --force)"
    static let help = """
        usage: occ jobs discard ID [--reason TEXT] [--force]

        Moves a waiting job (available, scheduled, retryable) to history as discarded, the
        dead-letter state, with the reason added to its error history. 'occ jobs retry ID'
        brings it back.

          --reason TEXT   recorded with the job (default: discarded by operator)
          --force         also discard a running job (see 'occ jobs cancel --help')

        An unknown id, or a finished job, exits 1; usage errors exit 64.
        """
    static let valuedOptions: Set<String> = ["reason"]

    static func run(_ arguments: Arguments) async throws {
        try await JobsEnding.run(arguments, as: .discarded)
    }
}

/// What cancel and discard share.
private enum JobsEnding {
    static func run(_ arguments: Arguments, as state: JobState) async throws {
        try JobsArguments.check(arguments, valued: ["reason"], flags: ["force"], positionals: 1)
        let id = try JobsArguments.jobID(arguments)
        let reason = arguments.string("reason") ?? "\(state.rawValue) by operator"
        guard (1...2000).contains(reason.count) else { throw UsageError("--reason must be 1 to 2000 characters") }
        let force = arguments.flag("force")
        do {
            try await Database.withOperatorPool { pool in
                let queue = JobQueue(pool: pool)
                if state == .cancelled {
                    try await queue.cancel(id: id, reason: reason, force: force)
                } else {
                    try await queue.discard(id: id, reason: reason, force: force)
                }
            }
        } catch let error as QueueError {
            throw JobsCommandError(error)
        }
        print("job \(id) \(state.rawValue)")
    }
}
