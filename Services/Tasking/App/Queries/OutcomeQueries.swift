import Postgres

/// Statements on `outcomes`.
enum OutcomeQueries {
    static let insert = PostgresQuery(
        "outcomes_insert",
        """
        INSERT INTO outcomes (tasking_id, agency_code, kind, home_office_code, disruptions, money_protected,
                              money_protected_currency, embargo_until, partner_note, outcome, recorded_by, recorded_at)
        VALUES ($1, $2, $3, $4, $5::jsonb, $6::numeric, $7, $8, $9, $10::jsonb, $11, $12)
        RETURNING id
        """)
}
