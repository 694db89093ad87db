import Postgres

/// The aggregates of the oversight benefits report over the referrals received in the period
/// ($1 from, inclusive, $2 to, exclusive; NULL for open-ended), followed wherever they went since.
/// An outcome counts only when it says more than "under investigation". Times are seconds from
/// receipt; medians ignore referrals that have not reached the stage.
enum BenefitsQueries {
    /// Per partner, sector and crime type, and the total, in one pass (grouping sets).
    static let byReferral = PostgresQuery(
        "benefits_by_referral",
        """
        WITH per_referral AS (
            SELECT p.name AS partner, p.sector, r.crime_type, r.received_at,
                   (SELECT min(t.created_at) FROM taskings t WHERE t.referral_id = r.id) AS tasked_at,
                   (SELECT min(o.recorded_at) FROM outcomes o JOIN taskings t ON t.id = o.tasking_id
                    WHERE t.referral_id = r.id AND o.kind <> 'under_investigation') AS outcome_at
            FROM referrals r JOIN partners p ON p.id = r.partner_id
            WHERE ($1::timestamptz IS NULL OR r.received_at >= $1) AND ($2::timestamptz IS NULL OR r.received_at < $2)
        )
        SELECT CASE WHEN GROUPING(partner) = 0 THEN 'partner' WHEN GROUPING(sector) = 0 THEN 'sector'
                    WHEN GROUPING(crime_type) = 0 THEN 'crime_type' ELSE 'total' END AS dimension,
               coalesce(partner, sector, crime_type, 'all') AS key,
               count(*) AS received, count(tasked_at) AS tasked, count(outcome_at) AS with_outcome,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM tasked_at - received_at)::float8) AS to_tasking,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM outcome_at - received_at)::float8) AS to_outcome
        FROM per_referral
        GROUP BY GROUPING SETS ((partner), (sector), (crime_type), ())
        ORDER BY dimension, key
        """)
    /// Per agency: the referrals of the period tasked to it, and those it recorded an outcome for.
    static let byAgency = PostgresQuery(
        "benefits_by_agency",
        """
        WITH per_tasking AS (
            SELECT t.agency_code, t.created_at - r.received_at AS to_tasking,
                   (SELECT min(o.recorded_at) FROM outcomes o WHERE o.tasking_id = t.id AND o.kind <> 'under_investigation')
                       - r.received_at AS to_outcome
            FROM taskings t JOIN referrals r ON r.id = t.referral_id
            WHERE ($1::timestamptz IS NULL OR r.received_at >= $1) AND ($2::timestamptz IS NULL OR r.received_at < $2)
        )
        SELECT 'agency' AS dimension, a.code AS key,
               count(pt.agency_code) AS received, count(pt.agency_code) AS tasked, count(pt.to_outcome) AS with_outcome,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM pt.to_tasking)::float8) AS to_tasking,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM pt.to_outcome)::float8) AS to_outcome
        FROM agencies a LEFT JOIN per_tasking pt ON pt.agency_code = a.code
        GROUP BY a.code
        ORDER BY a.code
        """)
}
