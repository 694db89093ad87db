import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `sweep_sla`: one statement (`occ_sla_sweep`) flags every open tasking without an outcome
/// whose warning point (`sla_policies`, data) or pause-adjusted deadline has passed, each flag
/// once; an overdue tasking goes on its agency's supervisor list (`GET /v1/taskings?sla=overdue`).
/// Every flag is one audit event, in the same transaction as the flags and the job's completion.
public struct SLASweeper: Sendable {
    /// One flag the sweep set.
    public struct Flag: Sendable, Equatable {
        public let taskingID: UUID
        public let agency: String
        /// `warning` or `overdue`.
        public let flag: String
    }

    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    func run(context: JobContext, on connection: PostgresConnection) async throws -> JobOutcome {
        try await connection.transaction { connection in
            let flags = try await sweep(now: Date(), on: connection)
            try await context.complete(on: connection)
            if !flags.isEmpty { logger.info("sla flags raised", ["count": String(flags.count)]) }
            return .completedInTransaction
        }
    }

    /// Flags what is due at `now` and audits each flag, on `connection` (in its transaction).
    /// `now` is a parameter so tests control time.
    public func sweep(now: Date, on connection: PostgresConnection) async throws -> [Flag] {
        let rows = try await connection.query(SLAQueries.sweep.binding(now))
        var flags: [Flag] = []
        var events: [AuditEvent] = []
        for row in rows {
            let flag = Flag(taskingID: try row.decode(UUID.self, "tasking_id"), agency: try row.decode(String.self, "agency_code"),
                            flag: try row.decode(String.self, "flag"))
            var detail = ["agency": flag.agency, "due_at": Timestamp.format(try row.decode(Date.self, "due_at"))]
            if flag.flag == "overdue" { detail["escalated_to"] = "supervisor_list" }
            flags.append(flag)
            events.append(AuditEvent(
                actor: "service:tasking", action: "tasking.sla_\(flag.flag)", subjectType: "tasking",
                subjectID: flag.taskingID.uuidString.lowercased(), traceID: try row.decode(String.self, "trace_id"), detail: detail,
                occurredAt: now))
        }
        try await AuditLog.append(events, on: connection)
        return flags
    }
}
