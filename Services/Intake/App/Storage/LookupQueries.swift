import Postgres

/// Statements of the existence-safe lookup: its policy, the per-partner rate window, the counts.
enum LookupQueries {
    static let policy = PostgresQuery(
        "lookup_policy_read", "SELECT sector_floor, max_values, requests_per_minute FROM lookup_policy")
    /// Counts this request in the partner's current clock minute (and forgets earlier minutes).
    static let countRequest = PostgresQuery(
        "lookup_usage_count",
        """
        INSERT INTO lookup_usage (partner_id, window_start, requests) VALUES ($1, date_trunc('minute', now()), 1)
        ON CONFLICT (partner_id, window_start) DO UPDATE SET requests = lookup_usage.requests + 1
        RETURNING requests, ceil(extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now()))::integer AS retry_after
        """)
    static let forgetOldWindows = PostgresQuery(
        "lookup_usage_forget", "DELETE FROM lookup_usage WHERE partner_id = $1 AND window_start < date_trunc('minute', now())")
    /// Per item: distinct sectors and partners over non-RED referrals sighting any of its keys.
    static let sightings = PostgresQuery(
        "lookup_sightings", "SELECT item, sectors, partners FROM occ_indicator_lookup($1::integer[], $2::text[])")
}
