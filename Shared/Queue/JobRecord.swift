import Foundation
import Postgres

/// A claimed job as the worker sees it: identity, attempt and raw arguments.
public struct JobRecord: Sendable {
    public let id: Int64
    public let queue: String
    public let kind: String
    public let argsJSON: String
    public let metadata: [String: String]
    public let priority: Int
    /// 1 on the first run.
    public let attempt: Int
    public let maxAttempts: Int
    public let createdAt: Date

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        queue = try row.decode(String.self, "queue")
        kind = try row.decode(String.self, "kind")
        argsJSON = try row.decode(String.self, "args")
        metadata = (try? JobCoding.decode([String: String].self, from: try row.decode(String.self, "metadata"))) ?? [:]
        priority = try row.decode(Int.self, "priority")
        attempt = try row.decode(Int.self, "attempt")
        maxAttempts = try row.decode(Int.self, "max_attempts")
        createdAt = try row.decode(Date.self, "created_at")
    }

    /// Decodes the arguments as `Args`.
    public func args<Args: JobArgs>(as type: Args.Type = Args.self) throws -> Args {
        do {
            return try JobCoding.decode(Args.self, from: argsJSON)
        } catch {
            throw QueueError(.undecodableArgs, jobID: id, reason: "arguments do not decode as \(Args.kind)")
        }
    }
}

/// What a worker decided about a job. Errors thrown by a worker count as `.retry`.
public enum JobOutcome: Sendable, Equatable {
    /// Done; the job moves to history as completed (batched with others).
    case complete
    /// The worker already completed the job inside its own transaction (`JobContext.complete(on:)`).
    case completedInTransaction
    /// Failed this attempt; retry after the backoff (or `after`), or discard when attempts run out.
    case retry(reason: String, after: Duration? = nil)
    /// Not now: run again after `after` without spending an attempt.
    case snooze(after: Duration)
    /// Stop for good, as cancelled, with a reason kept in its history.
    case cancel(reason: String)
    /// Stop for good, as discarded (dead letter), with a reason kept in its history.
    case discard(reason: String)
}
