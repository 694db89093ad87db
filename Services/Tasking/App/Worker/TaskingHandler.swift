import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `task_referral`: applies the stored routing rules to the enriched referral and creates one
/// tasking per team (priority, SLA deadline), in one transaction with the job's completion. Run
/// again when the referral's network changed, it adds taskings for newly matching rules and
/// raises the priority of open ones, never duplicating one; the audit event names the reason.
struct TaskingHandler: Sendable {
    let logger: Logger
    private let ruleCache = RoutingRuleCache()

    init(logger: Logger) {
        self.logger = logger
    }

    func task(_ args: TaskReferral, context: JobContext, on connection: PostgresConnection) async throws -> JobOutcome {
        try await connection.transaction { connection in
            guard let row = try await connection.query(ReferralQueries.loadScored.binding(args.referralID)).single else {
                return .discard(reason: "referral \(args.referralID) does not exist, was not enriched or was withdrawn")
            }
            let referral = try JSONDecoder().decode(ValidReferral.self, from: Data(try row.decode(String.self, "canonical").utf8))
            let traceID = try row.decode(String.self, "trace_id")
            let facts = RoutingFacts(
                referral: referral, score: try row.decode(Int.self, "score"), distinctPartners: try row.decode(Int.self, "distinct_partners"),
                sector: try row.decode(String?.self, "sector").flatMap(Sector.init(rawValue:)), lossGBP: try row.decode(Double?.self, "loss_gbp"),
                networkSize: try row.decode(Int.self, "network_size"), policeForce: try row.decode(String?.self, "police_force"),
                rocuRegion: try row.decode(String?.self, "rocu_region"))
            let gateway = row.isNull("code") ? nil : try LawfulGateway(row: row)
            // Rules choose; the gateway then withholds any team it does not permit.
            let routing = GatewayPermission.filter(TaskingRouter(rules: try await rules(on: connection)).route(facts), gateway: gateway)
            let routes = routing.permitted
            let now = Date()
            // Every tasking, the status and this job's completion in one round trip; then the audit
            // record with COMMIT (a plain insert: the chainer links it later, off this path).
            var statements: [PostgresQuery] = []
            for route in routes {
                // Row-level security: the insert's conflict check sees only the agency in scope.
                statements.append(AgencyScopeQueries.setAgency.binding(route.team.rawValue))
                statements.append(TaskingQueries.upsert.binding(
                    args.referralID, route.team.rawValue, route.priority.rawValue, route.deadline(from: now), route.ruleIDs, now))
            }
            if !routes.isEmpty { statements.append(ReferralQueries.markTasked.binding(args.referralID)) }
            let flag = routing.needsAnalyst ? routing.reason(code: referral.gateway, gateway: gateway) : nil
            if let flag {
                statements.append(ReferralQueries.flag.binding(
                    args.referralID, referral.gateway.rawValue, routing.withheld.map(\.team.rawValue), flag))
            }
            let teams = routes.map(\.team.rawValue).joined(separator: ",")
            statements.append(context.completionStatement)
            let results = try await connection.pipeline(statements)
            try context.verifyCompleted(results[results.count - 1])
            let changes = try TaskingChanges(results.flatMap { $0 })
            try await connection.pipelineAndCommit(AuditLog.appendStatements([Self.event(
                args.referralID, traceID: traceID, teams: teams, gateway: referral.gateway, routing: routing, flag: flag,
                changes: changes, rerouteReason: args.reason)]))
            logger.info(flag == nil ? "referral tasked" : "referral flagged for an analyst",
                        ["referral_id": args.referralID.uuidString.lowercased(), "trace_id": traceID, "teams": teams])
            return .completedInTransaction
        }
    }

    /// The routing rules as stored, in evaluation order.
    private func rules(on connection: PostgresConnection) async throws -> [RoutingRule] {
        try await connection.query(RoutingRuleQueries.all).map { row in
            try ruleCache.rule(try row.decode(String.self, "rule"))
        }
    }
}
