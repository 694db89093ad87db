import Postgres

/// Statements on `outcomes` (with the tasking's referral and the note's release state) used by feedback.
enum OutcomeQueries {
    static let load = PostgresQuery(
        "outcomes_for_feedback",
        """
        SELECT o.outcome::text AS outcome, t.referral_id, r.trace_id, r.canonical->>'gateway' AS gateway, n.state AS note_state
        FROM outcomes o JOIN taskings t ON t.id = o.tasking_id JOIN referrals r ON r.id = t.referral_id
        LEFT JOIN partner_notes n ON n.outcome_id = o.id
        WHERE o.id = $1
        """)
}
