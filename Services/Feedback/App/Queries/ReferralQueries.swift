import Postgres

/// What feedback reads of `referrals` besides the disclosure inputs (`NetworkQueries`).
enum ReferralQueries {
    /// The canonical indicators of referrals (`$1` ids), to publish confirmed ones as STIX patterns.
    static let indicators = PostgresQuery(
        "referrals_taxii_indicators",
        "SELECT id, coalesce(canonical->'indicators', '[]')::text AS indicators FROM referrals WHERE id = ANY ($1::uuid[])")
}
