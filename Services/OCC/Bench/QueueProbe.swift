import Foundation
import Postgres
import Queue

/// The job used by queue benchmarks and crash tests.
///
/// With `effect`, the handler records its run in `queue_probe_effects` and completes the job in
/// the same transaction, so each job's effect exists exactly once however often workers die.
struct QueueProbe: JobArgs {
    static let kind = "queue_probe"
    var effect: Bool
    var sleepMilliseconds: Int
    /// Wall-clock insert time, for pickup latency across processes.
    var enqueuedAt: Double
}

enum QueueProbeHandler {
    static let recordEffect = PostgresQuery("probe_effect", "INSERT INTO queue_probe_effects (job_id, attempt) VALUES ($1, $2)")
    static let createEffects = """
        CREATE TABLE IF NOT EXISTS queue_probe_effects (job_id bigint NOT NULL, attempt int NOT NULL, at timestamptz NOT NULL DEFAULT now())
        """

    static func registry(pool: PostgresPool, onPickup: @escaping @Sendable (Double) -> Void = { _ in }) -> JobWorkerRegistry {
        var registry = JobWorkerRegistry()
        registry.register(QueueProbe.self) { probe, context in
            onPickup(Date().timeIntervalSince1970 - probe.enqueuedAt)
            if probe.sleepMilliseconds > 0 { try await Task.sleep(for: .milliseconds(probe.sleepMilliseconds)) }
            guard probe.effect else { return .complete }
            try await pool.transaction { connection in
                try await connection.query(recordEffect.binding(context.record.id, context.record.attempt))
                try await context.complete(on: connection)
            }
            return .completedInTransaction
        }
        return registry
    }
}
