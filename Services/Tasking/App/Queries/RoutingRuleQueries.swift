import Postgres

/// Statements on `routing_rules`.
enum RoutingRuleQueries {
    static let all = PostgresQuery("routing_rules_all", "SELECT rule::text AS rule FROM routing_rules ORDER BY position, id")
}
