import Postgres

/// Statements on `referral_withdrawals` and the withdrawn referral's TAXII objects (migration 17).
enum WithdrawalQueries {
    /// Records the withdrawal if the referral is the partner's and not yet withdrawn; returns it.
    static let insert = PostgresQuery(
        "referral_withdrawals_insert",
        """
        INSERT INTO referral_withdrawals (referral_id, partner_id, reason, withdrawn_by)
        SELECT r.id, r.partner_id, $3, $4 FROM referrals r WHERE r.id = $1 AND r.partner_id = $2
        ON CONFLICT (referral_id) DO NOTHING
        RETURNING withdrawn_at
        """)
    /// The referral's reference and, if withdrawn, when (nothing when it is not the partner's).
    static let state = PostgresQuery(
        "referral_withdrawals_state",
        """
        SELECT r.reference, w.withdrawn_at
        FROM referrals r LEFT JOIN referral_withdrawals w ON w.referral_id = r.id
        WHERE r.id = $1 AND r.partner_id = $2
        """)
    /// The newest version of each indicator and sighting the referral published to its partner's
    /// own collection (confirmed indicators stay: law enforcement's finding is not withdrawn).
    static let publishedObjects = PostgresQuery(
        "taxii_objects_of_referral",
        """
        SELECT DISTINCT ON (object_id) object::text AS object
        FROM taxii_objects
        WHERE partner_id = $1 AND collection = 'referrals' AND referral_id = $2 AND object_type IN ('indicator', 'sighting')
        ORDER BY object_id, version DESC
        """)
    /// The referral's canonical indicators and whether it was withdrawn (nothing when not the partner's).
    static let correctable = PostgresQuery(
        "referrals_correctable",
        """
        SELECT coalesce(r.canonical->'indicators', '[]')::text AS indicators, w.withdrawn_at
        FROM referrals r LEFT JOIN referral_withdrawals w ON w.referral_id = r.id
        WHERE r.id = $1 AND r.partner_id = $2
        """)
    static let insertCorrection = PostgresQuery(
        "referral_corrections_insert",
        """
        INSERT INTO referral_corrections (referral_id, partner_id, reason, removed_keys, corrected_by)
        VALUES ($1, $2, $3, $4::text[], $5)
        RETURNING id, corrected_at
        """)
    /// The newest version of the given objects (`$2` ids) in the partner's referrals collection.
    static let latestVersions = PostgresQuery(
        "taxii_objects_latest_versions",
        """
        SELECT DISTINCT ON (object_id) object::text AS object
        FROM taxii_objects
        WHERE partner_id = $1 AND collection = 'referrals' AND object_id = ANY ($2::text[])
        ORDER BY object_id, version DESC
        """)
}
