import Postgres

/// The aggregates of the oversight benefits report over the referrals received in the period
/// ($1 from, inclusive, $2 to, exclusive; NULL for open-ended), followed wherever they went since;
/// $3 the outcome kinds that are judicial. An outcome counts only when it says more than "under
/// investigation". Times are seconds from receipt; medians ignore referrals that have not reached
/// the stage. `BenefitsReport` is the only reader: the API and `occ report benefits` alike.
enum BenefitsQueries {
    /// The funnel per partner, sector and crime type, and the total, in one pass (grouping sets).
    static let byReferral = PostgresQuery(
        "benefits_by_referral",
        """
        WITH per_referral AS (
            SELECT p.name AS partner, p.sector, r.crime_type, r.received_at,
                   (SELECT min(t.created_at) FROM taskings t WHERE t.referral_id = r.id) AS tasked_at,
                   (SELECT min(t.accepted_at) FROM taskings t WHERE t.referral_id = r.id) AS accepted_at,
                   (SELECT min(o.recorded_at) FROM outcomes o JOIN taskings t ON t.id = o.tasking_id
                    WHERE t.referral_id = r.id AND o.kind <> 'under_investigation') AS outcome_at,
                   (SELECT min(o.recorded_at) FROM outcomes o JOIN taskings t ON t.id = o.tasking_id
                    WHERE t.referral_id = r.id AND o.kind = ANY ($3::text[])) AS judicial_at
            FROM referrals r JOIN partners p ON p.id = r.partner_id
            WHERE ($1::timestamptz IS NULL OR r.received_at >= $1) AND ($2::timestamptz IS NULL OR r.received_at < $2)
        )
        SELECT CASE WHEN GROUPING(partner) = 0 THEN 'partner' WHEN GROUPING(sector) = 0 THEN 'sector'
                    WHEN GROUPING(crime_type) = 0 THEN 'crime_type' ELSE 'total' END AS dimension,
               coalesce(partner, sector, crime_type, 'all') AS key,
               count(*) AS received, count(tasked_at) AS tasked, count(accepted_at) AS accepted,
               count(outcome_at) AS with_outcome, count(judicial_at) AS judicial,
        """ + medians + """
        FROM per_referral
        GROUP BY GROUPING SETS ((partner), (sector), (crime_type), ())
        ORDER BY dimension, key
        """)
    /// The funnel per agency: the referrals of the period tasked to it (one tasking each).
    static let byAgency = PostgresQuery(
        "benefits_by_agency",
        """
        WITH per_tasking AS (
            SELECT t.agency_code, r.received_at, t.created_at AS tasked_at, t.accepted_at,
                   (SELECT min(o.recorded_at) FROM outcomes o WHERE o.tasking_id = t.id AND o.kind <> 'under_investigation') AS outcome_at,
                   (SELECT min(o.recorded_at) FROM outcomes o WHERE o.tasking_id = t.id AND o.kind = ANY ($3::text[])) AS judicial_at
            FROM taskings t JOIN referrals r ON r.id = t.referral_id
            WHERE ($1::timestamptz IS NULL OR r.received_at >= $1) AND ($2::timestamptz IS NULL OR r.received_at < $2)
        )
        SELECT 'agency' AS dimension, a.code AS key,
               count(pt.agency_code) AS received, count(pt.agency_code) AS tasked, count(pt.accepted_at) AS accepted,
               count(pt.outcome_at) AS with_outcome, count(pt.judicial_at) AS judicial,
        """ + medians + """
        FROM agencies a LEFT JOIN per_tasking pt ON pt.agency_code = a.code
        GROUP BY a.code
        ORDER BY a.code
        """)
    private static let medians = """
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM tasked_at - received_at)::float8) AS to_tasking,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - received_at)::float8) AS to_acceptance,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM outcome_at - received_at)::float8) AS to_outcome,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM judicial_at - received_at)::float8) AS to_judicial

        """
    /// What the outcomes of the period's referrals add up to, as (dimension, key, metric, value)
    /// rows: money in GBP (`money_protected_gbp` …, at the latest `currency_rates` rate on or before
    /// the outcome's UTC date; GBP at 1), amounts with no rate (`money_unconverted`), outcomes
    /// recording a disruption (`disruptions`) by assessed severity (`severity:major` …
    /// `severity:unassessed`), disruption actions listed (`kind:block_number` …) and judicial
    /// outcomes by Home Office code (`judicial:1` …). An outcome counts for its referral's partner,
    /// sector and crime type and for the agency that recorded it.
    static let outcomeFigures = PostgresQuery(
        "benefits_outcome_figures",
        """
        WITH facts AS (
            SELECT p.name AS partner, p.sector, r.crime_type, o.agency_code, o.kind, o.home_office_code, o.disruption_severity,
                   o.disruptions, (o.recorded_at AT TIME ZONE 'UTC')::date AS recorded_on,
                   o.money_protected, o.money_protected_currency, o.money_restrained, o.money_restrained_currency,
                   o.money_repatriated, o.money_repatriated_currency,
                   (o.kind = 'disrupted' OR jsonb_array_length(o.disruptions) > 0) AS disruption
            FROM outcomes o JOIN taskings t ON t.id = o.tasking_id JOIN referrals r ON r.id = t.referral_id
            JOIN partners p ON p.id = r.partner_id
            WHERE ($1::timestamptz IS NULL OR r.received_at >= $1) AND ($2::timestamptz IS NULL OR r.received_at < $2)
        ), converted AS (
            SELECT f.partner, f.sector, f.crime_type, f.agency_code, m.metric,
                   m.amount * CASE WHEN m.currency = 'GBP' THEN 1 ELSE (
                       SELECT c.gbp_per_unit FROM currency_rates c WHERE c.currency = m.currency AND c.rate_date <= f.recorded_on
                       ORDER BY c.rate_date DESC LIMIT 1) END AS gbp
            FROM facts f CROSS JOIN LATERAL (VALUES
                ('money_protected', f.money_protected, f.money_protected_currency),
                ('money_restrained', f.money_restrained, f.money_restrained_currency),
                ('money_repatriated', f.money_repatriated, f.money_repatriated_currency)) AS m (metric, amount, currency)
            WHERE m.amount IS NOT NULL
        ), items AS (
            SELECT partner, sector, crime_type, agency_code, metric || '_gbp' AS metric, gbp AS value FROM converted WHERE gbp IS NOT NULL
            UNION ALL
            SELECT partner, sector, crime_type, agency_code, 'money_unconverted', 1 FROM converted WHERE gbp IS NULL
            UNION ALL
            SELECT partner, sector, crime_type, agency_code, 'disruptions', 1 FROM facts WHERE disruption
            UNION ALL
            SELECT partner, sector, crime_type, agency_code, 'severity:' || coalesce(disruption_severity, 'unassessed'), 1
            FROM facts WHERE disruption
            UNION ALL
            SELECT f.partner, f.sector, f.crime_type, f.agency_code, 'kind:' || (d.item->>'kind'), 1
            FROM facts f CROSS JOIN LATERAL jsonb_array_elements(f.disruptions) AS d (item)
            UNION ALL
            SELECT partner, sector, crime_type, agency_code, 'judicial:' || home_office_code, 1
            FROM facts WHERE kind = ANY ($3::text[]) AND home_office_code IS NOT NULL
        )
        SELECT d.dimension, d.key, i.metric,
               CASE WHEN i.metric LIKE '%\\_gbp' THEN round(sum(i.value), 2)::text ELSE sum(i.value)::text END AS value
        FROM items i CROSS JOIN LATERAL (VALUES
            ('total', 'all'), ('partner', i.partner), ('sector', i.sector), ('crime_type', i.crime_type),
            ('agency', i.agency_code)) AS d (dimension, key)
        GROUP BY d.dimension, d.key, i.metric
        """)
}
