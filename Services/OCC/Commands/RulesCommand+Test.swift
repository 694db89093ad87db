import Domain
import Foundation
import Postgres

extension RulesCommand {
    /// `occ rules test FILE.json`: which stored rules fire for the routing facts in the file, why
    /// the others do not, and the taskings that would result. Reads only.
    static func test(_ path: String, on connection: PostgresConnection) async throws {
        let facts: RoutingFacts
        do {
            facts = try JSONDecoder().decode(RoutingFacts.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as DecodingError {
            throw UsageError("\(path) is not routing facts JSON (crime_type is required): \(error)")
        }
        let rules = try await connection.query(Queries.list).map { row in
            try JSONDecoder().decode(RoutingRule.self, from: Data(try row.decode(String.self, "rule").utf8))
        }
        for line in explain(facts, rules: rules) { print(line) }
    }

    /// One line per rule in evaluation order, then the routes; pure, for the tests.
    static func explain(_ facts: RoutingFacts, rules: [RoutingRule]) -> [String] {
        var lines: [String] = [], stoppedBy: String?
        for rule in rules {
            let target = "\(rule.route.team) \(rule.route.priority.rawValue) \(rule.route.slaHours)h"
            if let stoppedBy {
                lines.append("skipped \(rule.id): \(stoppedBy) stopped processing")
            } else if !rule.enabled {
                lines.append("off     \(rule.id): disabled")
            } else if case let unmet = rule.match.unmet(facts), !unmet.isEmpty {
                lines.append("no      \(rule.id): " + unmet.joined(separator: "; "))
            } else {
                lines.append("FIRES   \(rule.id) → \(target)" + (rule.stop ? " (stop)" : ""))
                if rule.stop { stoppedBy = rule.id }
            }
        }
        let routes = TaskingRouter(rules: rules).route(facts)
        lines.append(routes.isEmpty ? "routes: none" : "routes: " + routes.map {
            "\($0.team) \($0.priority.rawValue) \($0.slaHours)h [\($0.ruleIDs.joined(separator: ","))]"
        }.joined(separator: ", "))
        return lines
    }
}
