import Postgres

/// Statements on `legal_holds`.
enum LegalHoldQueries {
    static let columns = "id, referral_id, network_id, reason, placed_by, agency_code, placed_at, held_until, released_at, released_by"
    /// A hold on a referral ($1) that exists (for the agency API: that it may see).
    static let placeOnReferral = PostgresQuery("legal_holds_place_referral", """
        INSERT INTO legal_holds (referral_id, reason, placed_by, agency_code, held_until)
        SELECT r.id, $2, $3, $4, $5::timestamptz FROM referrals r WHERE r.id = $1::uuid
        RETURNING \(columns)
        """)
    static let placeOnNetwork = PostgresQuery("legal_holds_place_network", """
        INSERT INTO legal_holds (network_id, reason, placed_by, agency_code, held_until)
        SELECT n.id, $2, $3, $4, $5::timestamptz FROM networks n WHERE n.id = $1::bigint
        RETURNING \(columns)
        """)
    static let release = PostgresQuery("legal_holds_release", """
        UPDATE legal_holds SET released_at = now(), released_by = $2 WHERE id = $1 AND released_at IS NULL RETURNING \(columns)
        """)
    /// Holds in force at $1 (or, with $2, every hold ever placed), newest first.
    static let list = PostgresQuery("legal_holds_list", """
        SELECT \(columns) FROM legal_holds
        WHERE $2 OR (released_at IS NULL AND (held_until IS NULL OR held_until > $1))
        ORDER BY placed_at DESC, id DESC
        """)
}
