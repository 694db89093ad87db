import Postgres

/// Statements on what agencies and partners were told about a disposed referral.
enum RetentionOutcomeQueries {
    /// Feedback items (and so the partners' feed entries) of the batch's referrals.
    static let deleteFeedback = PostgresQuery("feedback_items_retention_delete", """
        DELETE FROM feedback_items WHERE referral_id = ANY($1::uuid[])
        """)

    /// Outcomes keep their kind, codes, disruptions and money (the benefits report counts them);
    /// the officer's free text to partners and the rationale go.
    static let stripOutcomes = PostgresQuery("outcomes_retention_strip", """
        UPDATE outcomes o SET partner_note = NULL, outcome = o.outcome - 'partner_note' - 'rationale'
        FROM taskings t WHERE t.id = o.tasking_id AND t.referral_id = ANY($1::uuid[])
        """)
}
