import Foundation
import Queue

/// `occ jobs retry ID [--force]`: replay a dead job, or run a waiting one now.
enum JobsRetryCommand: Command {
    static let path = ["jobs", "retry"]
    static let summary = "put a discarded or cancelled job back in its queue, or run a waiting one now"
    static let help = """
        usage: occ jobs retry ID [--force]

        A discarded or cancelled job goes back to its queue, due now, with a fresh attempt
        budget and its error history kept. A waiting job (available, scheduled, retryable) is
        made due now. A completed job cannot be retried.

          --force   also return a running job to its queue now (e.g. one 'occ jobs stuck'
                    shows): its attempt counts, and whatever that attempt records afterwards is
                    refused, so a handler completing in its own transaction rolls back

        An unknown id, or a job in a state that cannot be retried, exits 1; usage errors exit 64.
        """

    static func run(_ arguments: Arguments) async throws {
        try JobsArguments.check(arguments, valued: [], flags: ["force"], positionals: 1)
        let id = try JobsArguments.jobID(arguments)
        let retried: JobQueue.Retried
        do {
            retried = try await Database.withOperatorPool { try await JobQueue(pool: $0).retry(id: id, force: arguments.flag("force")) }
        } catch let error as QueueError {
            throw JobsCommandError(error)
        }
        switch retried {
        case .replayed: print("job \(id) is back in its queue with a fresh attempt budget")
        case .madeDue: print("job \(id) is due now")
        case .released: print("job \(id) was taken from its running attempt and is due now")
        }
    }
}
