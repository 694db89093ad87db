import Domain
import Foundation
import Postgres
import ServiceKit

/// `occ rules list|add|disable|test`: the tasking routing rules, which are data in `routing_rules`.
enum RulesCommand: Command {
    static let path = ["rules"]
    static let summary = "list, add, disable or test the routing rules tasking applies"
    static let help = """
        usage: occ rules list
               occ rules add (--json '<rule>' | --file <rule.json>) [--position <n>]
               occ rules disable <rule-id>
               occ rules test <facts.json>

        Routing rules send each enriched referral to agency teams with a priority and an SLA.
        Every enabled rule that matches contributes; each team gets one tasking on the most
        urgent terms. Rules are evaluated in position order; a new rule goes last unless
        --position is given. A rule is JSON, e.g.

          {"id": "fraud-rocu-high-harm", "description": "High-harm fraud to the ROCU",
           "match": {"crime_families": ["fraud"], "minimum_score": 80},
           "route": {"team": "ROCU", "priority": "P2", "sla_hours": 48}}

        Match conditions: crime_families, crime_types, minimum_score, minimum_distinct_partners,
        indicator_kinds_any, indicator_kinds_all, overseas, sectors, gateways, tlps, vulnerable,
        minimum_vulnerability, minimum_loss_gbp, minimum_network_size, postcode_areas,
        police_forces, rocu_regions, threat_to_life, safeguarding_concern, ongoing_harm,
        repeat_victim, and not (a list of condition sets none of which may match). "stop": true
        ends evaluation when the rule matches. The team must be a registered agency. Changes are
        audited.

        test prints, for routing facts in a file (e.g. {"crime_type": "cyber.ransomware",
        "loss_gbp": 5000000, "vulnerable": true, "rocu_region": "north-west"}; only crime_type
        is required), which rules fire, why each other rule does not, and the resulting taskings.
        """
    static let valuedOptions: Set<String> = ["json", "file", "position"]

    static func run(_ arguments: Arguments) async throws {
        let database = try Database.resolve(localFallback: false)
        let connection = try await PostgresConnection.connect(database.conninfo, applicationName: "occ-rules")
        defer { Task { await connection.close() } }
        switch arguments.positionals.first {
        case "list": try await list(on: connection)
        case "add": try await add(try rule(from: arguments), position: arguments.string("position").flatMap(Int.init), on: connection)
        case "disable":
            guard arguments.positionals.count == 2 else { throw UsageError("disable needs exactly one rule id") }
            try await disable(arguments.positionals[1], on: connection)
        case "test":
            guard arguments.positionals.count == 2 else { throw UsageError("test needs exactly one facts file") }
            try await test(arguments.positionals[1], on: connection)
        default: throw UsageError("expected list, add, disable or test")
        }
    }

    private static func list(on connection: PostgresConnection) async throws {
        for row in try await connection.query(Queries.list) {
            let rule = try JSONDecoder().decode(RoutingRule.self, from: Data(try row.decode(String.self, "rule").utf8))
            let state = rule.enabled ? "enabled " : "disabled"
            print("\(try row.decode(Int.self, "position"))\t\(state)\t\(rule.id)\t\(rule.route.team) \(rule.route.priority.rawValue) \(rule.route.slaHours)h\t\(rule.description)")
        }
    }

    private static func rule(from arguments: Arguments) throws -> RoutingRule {
        let text: String
        if let json = arguments.string("json") {
            text = json
        } else if let file = arguments.string("file") {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } else {
            throw UsageError("add needs --json or --file")
        }
        let rule: RoutingRule
        do {
            rule = try JSONDecoder().decode(RoutingRule.self, from: Data(text.utf8))
        } catch {
            throw UsageError("the rule is not valid JSON for a routing rule: \(error)")
        }
        let problems = rule.validate()
        guard problems.isEmpty else { throw UsageError(problems.map(\.description).joined(separator: "\n")) }
        return rule
    }

    private static func add(_ rule: RoutingRule, position: Int?, on connection: PostgresConnection) async throws {
        try await connection.transaction { connection in
            guard try await connection.query(Queries.agencyExists.binding(rule.route.team.rawValue)).single != nil else {
                throw Failure(description: "route.team \(rule.route.team) is not a registered agency")
            }
            let json = try JSONValue(encoding: rule).canonicalText
            try await connection.query(Queries.insert.binding(rule.id, position, json))
            try await AuditLog.append(AuditEvent(
                actor: "operator", action: "routing_rule.added", subjectType: "routing_rule", subjectID: rule.id,
                detail: ["team": rule.route.team.rawValue]), on: connection)
        }
        print("added rule \(rule.id)")
    }

    private static func disable(_ id: String, on connection: PostgresConnection) async throws {
        try await connection.transaction { connection in
            guard try await connection.query(Queries.disable.binding(id)).affectedRows == 1 else {
                throw Failure(description: "no enabled rule \(id)")
            }
            try await AuditLog.append(AuditEvent(
                actor: "operator", action: "routing_rule.disabled", subjectType: "routing_rule", subjectID: id), on: connection)
        }
        print("disabled rule \(id)")
    }

    /// A well-formed request the database refuses (unknown team or rule): exit 1, no usage text.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Statements on `routing_rules`.
    enum Queries {
        static let list = PostgresQuery("routing_rules_list", "SELECT position, rule::text AS rule FROM routing_rules ORDER BY position, id")
        static let agencyExists = PostgresQuery("agencies_exists", "SELECT 1 FROM agencies WHERE code = $1")
        /// Without a position the rule goes after the last one.
        static let insert = PostgresQuery(
            "routing_rules_insert",
            """
            INSERT INTO routing_rules (id, position, rule)
            VALUES ($1, coalesce($2::integer, (SELECT coalesce(max(position), 0) + 10 FROM routing_rules)), $3::jsonb)
            """)
        static let disable = PostgresQuery(
            "routing_rules_disable",
            """
            UPDATE routing_rules SET rule = jsonb_set(rule, '{enabled}', 'false'), updated_at = now()
            WHERE id = $1 AND coalesce((rule->>'enabled')::boolean, true)
            """)
    }
}
