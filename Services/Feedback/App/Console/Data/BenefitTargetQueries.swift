import Postgres

/// Statements on `benefit_targets`: the targets set for exactly the period shown ($1, $2 dates).
enum BenefitTargetQueries {
    static let forPeriod = PostgresQuery(
        "benefit_targets_for_period",
        "SELECT measure, target::text AS target FROM benefit_targets WHERE period_from = $1::date AND period_to = $2::date ORDER BY measure")
}
