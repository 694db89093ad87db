import Postgres

/// One referral's journey ($1), oldest first: received, networks joined, tasked, accepted,
/// outcomes recorded, taskings closed, and feedback released (read with the transaction scoped
/// to the referral's partner, as the feedback API reads it).
enum JourneyQueries {
    static let partner = PostgresQuery("console_journey_partner", "SELECT partner_id FROM referrals WHERE id = $1")
    static let events = PostgresQuery(
        "console_journey_events",
        """
        SELECT at, event, detail FROM (
            SELECT r.received_at AS at, 'received' AS event, r.crime_type AS detail FROM referrals r WHERE r.id = $1
            UNION ALL
            SELECT m.joined_at, 'joined a network', 'network ' || m.network_id FROM network_members m WHERE m.referral_id = $1
            UNION ALL
            SELECT t.created_at, 'tasked', t.agency_code || ' (' || t.priority || ')' FROM taskings t WHERE t.referral_id = $1
            UNION ALL
            SELECT t.accepted_at, 'accepted', t.agency_code FROM taskings t WHERE t.referral_id = $1 AND t.accepted_at IS NOT NULL
            UNION ALL
            SELECT o.recorded_at, 'outcome recorded', o.agency_code || ': ' || o.kind
            FROM outcomes o JOIN taskings t ON t.id = o.tasking_id WHERE t.referral_id = $1
            UNION ALL
            SELECT t.closed_at, 'tasking closed', t.agency_code FROM taskings t WHERE t.referral_id = $1 AND t.closed_at IS NOT NULL
            UNION ALL
            SELECT f.created_at, 'feedback released', f.status FROM feedback_items f WHERE f.referral_id = $1
        ) e
        ORDER BY at, event
        """)
}
