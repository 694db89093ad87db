import Postgres

/// Statements on `benefit_targets` (periods as dates: $1 from, $2 to).
enum BenefitTargetQueries {
    static let forPeriod = PostgresQuery(
        "benefit_targets_for_period",
        "SELECT measure, target::text AS target FROM benefit_targets WHERE period_from = $1::date AND period_to = $2::date ORDER BY measure")
    static let list = PostgresQuery(
        "benefit_targets_list",
        "SELECT period_from::text AS period_from, period_to::text AS period_to, measure, target::text AS target FROM benefit_targets ORDER BY period_from, period_to, measure")
    static let set = PostgresQuery(
        "benefit_targets_set",
        """
        INSERT INTO benefit_targets (period_from, period_to, measure, target) VALUES ($1::date, $2::date, $3, $4::numeric)
        ON CONFLICT (period_from, period_to, measure) DO UPDATE SET target = EXCLUDED.target
        """)
}
