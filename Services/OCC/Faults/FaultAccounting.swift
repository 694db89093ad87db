import Foundation
import Postgres
import ServiceKit

/// Counts one fault's window [since, until] from the database: its referrals and outcomes
/// stage by stage, the pipeline jobs left, and the audit chain.
struct FaultAccounting: Sendable {
    var since: Date
    var until: Date
    /// When the system recovered from the fault.
    var recoveredAt: Date
    /// Referral ids intake acknowledged, and outcome ids the tasking API acknowledged.
    var accepted: [UUID]
    var outcomes: [Int64]
    /// Pipeline jobs left by earlier faults: not counted again.
    var carriedOver: [Int64]

    struct Counts: Sendable {
        var referrals = FaultResult.ReferralCounts()
        var outcomes = FaultResult.OutcomeCounts()
        var jobsLeft: [String: Int] = [:]
        var jobSamples: [String] = []
        var outcomeSamples: [String] = []
        var leftover: [Int64] = []
        var audit: (intact: Bool, rows: Int, detail: String) = (true, 0, "")
        /// Audit rows appended but not chained yet.
        var auditPending = 0
    }

    func count(on connection: PostgresConnection) async throws -> Counts {
        typealias Q = FaultAccountingQueries
        let queues = Q.pipelineQueues
        var counts = Counts()
        let missing = try await connection.query(Q.missing.binding(accepted)).single?.decode(Int.self, at: 0) ?? 0
        if let row = try await connection.query(Q.referrals.binding(since, until, accepted, recoveredAt)).single {
            counts.referrals = FaultResult.ReferralCounts(
                total: try row.decode(Int.self, "referrals"), complete: try row.decode(Int.self, "complete"),
                stranded: try row.decode(Int.self, "stranded"), lost: try row.decode(Int.self, "lost"), missing: missing,
                deadLettered: try row.decode(Int.self, "dead_lettered"), duplicated: try row.decode(Int.self, "duplicated"),
                unwitnessed: try row.decode(Int.self, "unwitnessed"), slowest: try row.decode(Double.self, "slowest"),
                slowestAfterRecovery: try row.decode(Double.self, "slowest_after_recovery"))
        }
        let missingOutcomes = try await connection.query(Q.missingOutcomes.binding(outcomes)).single?.decode(Int.self, at: 0) ?? 0
        if let row = try await connection.query(Q.outcomes.binding(since, until, outcomes)).single {
            counts.outcomes = FaultResult.OutcomeCounts(
                total: try row.decode(Int.self, "outcomes"), complete: try row.decode(Int.self, "complete"),
                stranded: try row.decode(Int.self, "stranded"), lost: try row.decode(Int.self, "lost"), missing: missingOutcomes,
                deadLettered: try row.decode(Int.self, "dead_lettered"), duplicated: try row.decode(Int.self, "duplicated"))
        }
        for row in try await connection.query(Q.jobsLeft.binding(queues, carriedOver)) {
            counts.jobsLeft[try row.decode(String.self, "state")] = try row.decode(Int.self, "n")
        }
        counts.jobSamples = try await connection.query(Q.jobsLeftSample.binding(queues, carriedOver)).map { try $0.decode(String.self, "line") }
        if counts.outcomes.complete < counts.outcomes.total {
            counts.outcomeSamples = try await connection.query(Q.incompleteOutcomesSample.binding(since, until, outcomes))
                .map { try $0.decode(String.self, "line") }
        }
        counts.leftover = try await connection.query(Q.jobsLeftIDs.binding(queues)).map { try $0.decode(Int64.self, "id") }
        let audit = try await AuditLog.verify(on: connection)
        counts.audit = (audit.isIntact, audit.rows, audit.finding.map(Self.describe) ?? "")
        counts.auditPending = audit.pending
        return counts
    }

    static func describe(_ finding: AuditLog.Verification.Finding) -> String {
        switch finding {
        case .broken(let seq, _, let reason): "broken at seq \(seq): \(reason)"
        case .rechained(let seq, _, _): "re-chained at seq \(seq)"
        case .truncated(let end, let checkpoint): "truncated at seq \(end) (checkpoint \(checkpoint))"
        case .archivedPastCheckpoint(let boundary, let checkpoint): "archived through seq \(boundary), past checkpoint \(checkpoint)"
        }
    }
}
