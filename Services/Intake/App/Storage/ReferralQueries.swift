import Postgres

/// Statements on `referrals`. Every one also filters on `partner_id`, so the application enforces
/// what row-level security enforces again underneath.
enum ReferralQueries {
    static let receiptColumns = "id, reference, partner_reference, status, received_at"

    /// Inserts unless the partner already used the reference; then nothing is returned.
    static let insert = PostgresQuery(
        "referrals_insert",
        """
        INSERT INTO referrals (
            id, partner_id, partner_reference, fingerprint, crime_type, summary, first_seen, last_seen,
            victim_count, victims_vulnerable, vulnerability_level, loss_amount, loss_currency, overseas, gateway,
            tlp, source_eval, intel_assessment, handling_code, handling_conditions, channel, trace_id, canonical, raw)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::numeric, $13, $14, $15,
                $16, $17, $18, $19, $20, $21, $22, $23::jsonb, $24::jsonb)
        ON CONFLICT (partner_id, partner_reference) DO NOTHING
        RETURNING \(receiptColumns)
        """)

    /// The referral holding a partner reference, with its fingerprint, to tell a replay from a conflict.
    static let byPartnerReference = PostgresQuery(
        "referrals_by_partner_reference",
        "SELECT \(receiptColumns), fingerprint FROM referrals WHERE partner_id = $1 AND partner_reference = $2")

    static let byID = PostgresQuery(
        "referrals_by_id",
        "SELECT \(receiptColumns), channel, canonical FROM referrals WHERE partner_id = $1 AND id = $2")

    /// A page in feed order after a position (`$2` xid8 as text, `$3` sequence), optionally only
    /// referrals received after `$4`, and only rows whose writing transaction is older than every
    /// transaction still running, so nothing can commit behind the page later (docs/polling.md).
    static let page = PostgresQuery(
        "referrals_page",
        """
        SELECT \(receiptColumns), feed_xid::text AS feed_xid, feed_seq
        FROM referrals
        WHERE partner_id = $1 AND (feed_xid, feed_seq) > ($2::xid8, $3::bigint)
          AND feed_xid < pg_snapshot_xmin(pg_current_snapshot())
          AND ($4::timestamptz IS NULL OR received_at > $4::timestamptz)
        ORDER BY feed_xid, feed_seq LIMIT $5
        """)
}

/// Statements on `referral_indicators`.
enum ReferralIndicatorQueries {
    /// All of a referral's indicators in one statement; aliases travel joined by U+001F. Inserts
    /// nothing unless the referral row was just inserted, so it can be pipelined after that insert.
    static let insertMany = PostgresQuery(
        "referral_indicators_insert",
        """
        INSERT INTO referral_indicators
            (referral_id, position, partner_id, kind, value, canonical_value, correlation_key, aliases)
        SELECT $1, t.position, $2, t.kind, t.value, t.canonical, t.key, string_to_array(t.aliases, chr(31))
        FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
            AS t(position, kind, value, canonical, key, aliases)
        WHERE EXISTS (SELECT 1 FROM referrals WHERE id = $1)
        """)
}
