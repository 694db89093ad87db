import Postgres

/// Statements disposing of webhook deliveries (`webhook_events`, migration 16) by their class's rule.
enum RetentionDeliveryQueries {
    /// Deletes up to `$2` delivered or dead deliveries whose end (delivered or dead-lettered) is
    /// the active `webhook_deliveries` rule's period before `$1`, oldest first; returns each with
    /// the rule. The state is checked again on the row deleted, so a dead letter revived for a
    /// retry meanwhile (pending again) is kept; the job's leader lock keeps runs apart.
    static let deleteDue = PostgresQuery("webhook_events_retention_delete", """
        WITH rule AS (
            SELECT id, review_period FROM retention_rules
            WHERE record_class = 'webhook_deliveries' AND crime_type IS NULL AND retired_at IS NULL
        )
        DELETE FROM webhook_events e USING rule
        WHERE e.state IN ('delivered', 'dead') AND coalesce(e.delivered_at, e.dead_at) + rule.review_period <= $1
          AND e.id IN (
            SELECT d.id FROM webhook_events d
            WHERE d.state IN ('delivered', 'dead') AND coalesce(d.delivered_at, d.dead_at) + rule.review_period <= $1
            ORDER BY coalesce(d.delivered_at, d.dead_at), d.id
            LIMIT $2)
        RETURNING e.id, e.partner_id, e.state, rule.id AS rule
        """)
}
