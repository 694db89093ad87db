import Postgres

/// Statements on `outcomes`.
enum OutcomeQueries {
    static let insert = PostgresQuery(
        "outcomes_insert",
        """
        INSERT INTO outcomes (tasking_id, agency_code, kind, home_office_code, disruptions, money_protected,
                              money_protected_currency, embargo_until, partner_note, outcome, recorded_by, recorded_at,
                              idempotency_key, money_restrained, money_restrained_currency, money_repatriated,
                              money_repatriated_currency, disruption_severity, suspects, ocg_reference)
        VALUES ($1, $2, $3, $4, $5::jsonb, $6::numeric, $7, $8, $9, $10::jsonb, $11, $12, $13, $14::numeric, $15, $16::numeric,
                $17, $18, $19, $20)
        ON CONFLICT (tasking_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
        RETURNING id
        """)
    /// The outcome an earlier request with the same `Idempotency-Key` recorded on the tasking.
    static let byIdempotencyKey = PostgresQuery(
        "outcomes_by_idempotency_key", "SELECT id FROM outcomes WHERE tasking_id = $1 AND idempotency_key = $2")
}
