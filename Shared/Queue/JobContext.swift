import Postgres

/// What a worker hands its handler: the job, and the means to finish it transactionally.
public struct JobContext: Sendable {
    public let record: JobRecord
    public let workerID: String

    /// Completes the job inside the caller's transaction, so that domain writes, the next stage's
    /// enqueue and this completion commit together. Throws `.leaseLost` if the job is no longer
    /// this attempt's (rescued or cancelled meanwhile): the caller's transaction must roll back.
    /// Return `.completedInTransaction` from the handler afterwards.
    public func complete(on connection: PostgresConnection) async throws {
        try verifyCompleted(try await connection.query(completionStatement))
    }

    /// What `complete(on:)` runs, for handlers that pipeline it with their last writes; hand its
    /// result to `verifyCompleted(_:)` before committing.
    public var completionStatement: PostgresQuery {
        JobQueries.completeOne.binding(record.id, record.attempt)
    }

    /// Throws `.leaseLost` unless `rows` (the result of `completionStatement`) completed the job.
    public func verifyCompleted(_ rows: PostgresRows) throws {
        guard rows.affectedRows == 1 else {
            throw QueueError(.leaseLost, jobID: record.id, reason: "job is no longer held by this attempt")
        }
    }

    /// Completes every job of a batch in one statement inside the caller's transaction; hand its
    /// result to `verifyCompleted(_:_:)` before committing.
    public static func completionStatement(_ contexts: [JobContext]) -> PostgresQuery {
        JobQueries.completeMany.binding(contexts.map(\.record.id), contexts.map { "\($0.record.id):\($0.record.attempt)" })
    }

    /// Throws `.leaseLost` unless `rows` completed every job of `contexts`: one was rescued or
    /// cancelled meanwhile, so the whole transaction must roll back (the worker then runs the
    /// batch's jobs one by one, and the lost one is skipped as before).
    public static func verifyCompleted(_ rows: PostgresRows, _ contexts: [JobContext]) throws {
        guard rows.affectedRows == contexts.count else {
            throw QueueError(.leaseLost, reason: "\(contexts.count - rows.affectedRows) of \(contexts.count) jobs are no longer held by this attempt")
        }
    }
}
