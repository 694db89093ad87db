import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `chase_overdue_requests`: stamps requests and RFIs still open past their deadline as
/// overdue and audits each once (`request.overdue`, `rfi.overdue`), in one transaction with the
/// job's completion. A run that found a full batch enqueues the next run at once, in the same
/// transaction; otherwise the worker's periodic entry brings the next one.
struct ChaseHandler: Sendable {
    let queue: JobQueue
    let logger: Logger
    static let batchSize = 1_000

    func chase(context: JobContext, on connection: PostgresConnection) async throws -> JobOutcome {
        try await connection.transaction { connection in
            let rows = try await connection.query(ChaseQueries.chase.binding(Self.batchSize))
            let events = try rows.map { row in
                let item = try row.decode(String.self, "item")
                return AuditEvent(
                    actor: "service:tasking", action: "\(item).overdue", subjectType: "partner_\(item)",
                    subjectID: String(try row.decode(Int64.self, "id")), traceID: try row.decode(String?.self, "trace_id"),
                    detail: ["agency": try row.decode(String.self, "agency_code"),
                             "tasking_id": try row.decode(UUID.self, "tasking_id").uuidString.lowercased(),
                             "deadline": Timestamp.format(try row.decode(Date.self, "deadline"))])
            }
            if !events.isEmpty { try await AuditLog.append(events, on: connection) }
            try await context.complete(on: connection)
            // Completed first, so the continuation may take the same unique key.
            let full = events.filter { $0.action == "request.overdue" }.count == Self.batchSize
                || events.filter { $0.action == "rfi.overdue" }.count == Self.batchSize
            if full { _ = try await queue.enqueueMany([try ChaseOverdueRequests.insert()], on: connection) }
            if !events.isEmpty { logger.info("overdue requests chased", ["count": String(events.count)]) }
            return .completedInTransaction
        }
    }
}
