import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `task_referral` for a batch of jobs in one transaction: applies the stored routing rules
/// to each enriched referral and creates one tasking per team (priority, SLA deadline), with the
/// jobs' completions. Run again when the referral's network changed, it adds taskings for newly
/// matching rules and raises the priority of open ones, never duplicating one; the audit event
/// names the reason. A one-job attempt is a batch of one.
struct TaskingHandler: Sendable {
    let logger: Logger
    private let ruleCache = RoutingRuleCache()

    init(logger: Logger) {
        self.logger = logger
    }

    func task(_ batch: [(args: TaskReferral, context: JobContext)], on connection: PostgresConnection) async throws -> [JobOutcome] {
        try await connection.transaction { connection in
            let rows = try await connection.query(ReferralQueries.loadScored.binding(batch.map(\.args.referralID)))
            let loaded = Dictionary(try rows.map { (try $0.decode(UUID.self, "id"), $0) }, uniquingKeysWith: { first, _ in first })
            let router = TaskingRouter(rules: try await rules(on: connection))
            let now = Date()
            // Every job's taskings and status, then every completion, in one round trip; then the
            // audit records with COMMIT (plain inserts: the chainer links them later, off this path).
            var statements: [PostgresQuery] = [], routed: [Routed] = []
            for (args, _) in batch {
                guard let row = loaded[args.referralID] else { continue }
                let start = statements.count
                let decision = try route(row, router: router, now: now, into: &statements, referralID: args.referralID)
                routed.append(Routed(args: args, decision: decision, results: start..<statements.count))
            }
            let contexts = batch.filter { loaded[$0.args.referralID] != nil }.map(\.context)
            guard !contexts.isEmpty else { return batch.map { Self.missing($0.args) } }
            let results = try await connection.pipeline(statements + [JobContext.completionStatement(contexts)])
            try JobContext.verifyCompleted(results[results.count - 1], contexts)
            let events = try routed.map { item in
                Self.event(
                    item.args.referralID, traceID: item.decision.traceID, teams: item.decision.teams, gateway: item.decision.gateway,
                    routing: item.decision.routing, flag: item.decision.flag,
                    changes: try TaskingChanges(results[item.results].flatMap { $0 }), rerouteReason: item.args.reason)
            }
            try await connection.pipelineAndCommit(AuditLog.appendStatements(events))
            for item in routed {
                logger.info(item.decision.flag == nil ? "referral tasked" : "referral flagged for an analyst",
                            ["referral_id": item.args.referralID.uuidString.lowercased(), "trace_id": item.decision.traceID,
                             "teams": item.decision.teams])
            }
            return batch.map { loaded[$0.args.referralID] == nil ? Self.missing($0.args) : .completedInTransaction }
        }
    }

    /// What routing decided for one job, and where its statements' results are.
    private struct Routed {
        let args: TaskReferral
        let decision: Decision
        let results: Range<Int>
    }

    private struct Decision {
        let traceID: String
        let teams: String
        let gateway: GatewayCode
        let routing: GatewayRouting
        let flag: String?
    }

    /// Routes one loaded referral and appends its statements (taskings, status, analyst flag).
    private func route(
        _ row: PostgresRow, router: TaskingRouter, now: Date, into statements: inout [PostgresQuery], referralID: UUID
    ) throws -> Decision {
        let referral = try JSONDecoder().decode(ValidReferral.self, from: Data(try row.decode(String.self, "canonical").utf8))
        let facts = RoutingFacts(
            referral: referral, score: try row.decode(Int.self, "score"), distinctPartners: try row.decode(Int.self, "distinct_partners"),
            sector: try row.decode(String?.self, "sector").flatMap(Sector.init(rawValue:)), lossGBP: try row.decode(Double?.self, "loss_gbp"),
            networkSize: try row.decode(Int.self, "network_size"), policeForce: try row.decode(String?.self, "police_force"),
            rocuRegion: try row.decode(String?.self, "rocu_region"))
        let gateway = row.isNull("code") ? nil : try LawfulGateway(row: row)
        // Rules choose; the gateway then withholds any team it does not permit.
        let routing = GatewayPermission.filter(router.route(facts), gateway: gateway)
        for route in routing.permitted {
            // Row-level security: the insert's conflict check sees only the agency in scope.
            statements.append(AgencyScopeQueries.setAgency.binding(route.team.rawValue))
            statements.append(TaskingQueries.upsert.binding(
                referralID, route.team.rawValue, route.priority.rawValue, route.deadline(from: now), route.ruleIDs, now))
        }
        if !routing.permitted.isEmpty { statements.append(ReferralQueries.markTasked.binding(referralID)) }
        let flag = routing.needsAnalyst ? routing.reason(code: referral.gateway, gateway: gateway) : nil
        if let flag {
            statements.append(ReferralQueries.flag.binding(
                referralID, referral.gateway.rawValue, routing.withheld.map(\.team.rawValue), flag))
        }
        return Decision(
            traceID: try row.decode(String.self, "trace_id"), teams: routing.permitted.map(\.team.rawValue).joined(separator: ","),
            gateway: referral.gateway, routing: routing, flag: flag)
    }

    private static func missing(_ args: TaskReferral) -> JobOutcome {
        .discard(reason: "referral \(args.referralID) does not exist, was not enriched or was withdrawn")
    }

    /// The routing rules as stored, in evaluation order.
    private func rules(on connection: PostgresConnection) async throws -> [RoutingRule] {
        try await connection.query(RoutingRuleQueries.all).map { row in
            try ruleCache.rule(try row.decode(String.self, "rule"))
        }
    }
}
