import Postgres

/// Partner referral quality over the referrals received in [$1, $2), for partner $3 or every
/// partner ($3 NULL): how many were tasked, led to an outcome (more than "under
/// investigation"), were corroborated (share an indicator with another partner's referral),
/// and the median seconds from receipt to the first agency's acceptance.
enum ScorecardQueries {
    static let scorecards = PostgresQuery(
        "console_scorecards",
        """
        WITH per AS (
            SELECT r.partner_id, r.received_at,
                   (SELECT min(t.created_at) FROM taskings t WHERE t.referral_id = r.id) AS tasked_at,
                   (SELECT min(t.accepted_at) FROM taskings t WHERE t.referral_id = r.id) AS accepted_at,
                   EXISTS (SELECT 1 FROM outcomes o JOIN taskings t ON t.id = o.tasking_id
                           WHERE t.referral_id = r.id AND o.kind <> 'under_investigation') AS with_outcome,
                   EXISTS (SELECT 1 FROM referral_neighbours n JOIN referrals o ON o.id = n.linked_referral_id
                           WHERE n.referral_id = r.id AND o.partner_id <> r.partner_id) AS corroborated
            FROM referrals r
            WHERE r.received_at >= $1 AND r.received_at < $2 AND ($3::bigint IS NULL OR r.partner_id = $3)
        )
        SELECT p.id, p.name, p.sector, count(per.partner_id) AS received, count(per.tasked_at) AS tasked,
               count(*) FILTER (WHERE per.with_outcome) AS with_outcome, count(*) FILTER (WHERE per.corroborated) AS corroborated,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM per.accepted_at - per.received_at)::float8) AS to_action
        FROM partners p LEFT JOIN per ON per.partner_id = p.id
        WHERE $3::bigint IS NULL OR p.id = $3
        GROUP BY p.id, p.name, p.sector
        ORDER BY p.name, p.id
        """)
}
