import Postgres

/// Statements on `referrals` for review and disposal. `$1` is the job's "now" throughout, so a
/// test (or an operator's `--now`) controls the clock.
enum RetentionReferralQueries {
    /// Due referrals (review date at or before $1) of class $2 (NULL: every class), oldest
    /// review first, at most $3, with what goes with each and whether a hold covers it.
    static func due(name: String, excludingHeld: Bool, locking: Bool) -> PostgresQuery {
        PostgresQuery(name, """
            SELECT r.id, r.reference, r.retention_class, r.retention_rule, rule.action, r.review_at,
                   (SELECT count(*) FROM indicator_sightings s WHERE s.referral_id = r.id) AS sightings,
                   (SELECT count(*) FROM referral_neighbours l WHERE l.referral_id = r.id) AS links,
                   (SELECT count(*) FROM feedback_items f WHERE f.referral_id = r.id) AS feedback_items,
                   (SELECT m.network_id FROM network_members m WHERE m.referral_id = r.id) AS network_id,
                   occ_retention_held(r.id, $1) AS held
            FROM referrals r JOIN retention_rules rule ON rule.id = r.retention_rule
            WHERE r.disposed_at IS NULL AND r.review_requested_at IS NULL AND r.review_at IS NOT NULL AND r.review_at <= $1
              AND ($2::text IS NULL OR r.retention_class = $2)
              \(excludingHeld ? "AND NOT occ_retention_held(r.id, $1)" : "")
            ORDER BY r.review_at, r.id
            LIMIT $3
            \(locking ? "FOR UPDATE OF r SKIP LOCKED" : "")
            """)
    }

    /// `occ retention due`: held referrals listed too, marked.
    static let listDue = due(name: "referrals_retention_due", excludingHeld: false, locking: false)
    /// A dry run: exactly what a run would take now, without locking anything.
    static let planDue = due(name: "referrals_retention_plan", excludingHeld: true, locking: false)
    /// A run's batch: locked, so a concurrent run skips it and takes the next.
    static let claimDue = due(name: "referrals_retention_claim", excludingHeld: true, locking: true)

    /// Keeps the referral's statistical facts (partner, crime type, times, status, markings,
    /// victim counts, loss) and removes what identifies anyone: the summary, the submission as
    /// sent, the indicators and postcode in the canonical content, the partner's reference.
    static let anonymise = PostgresQuery("referrals_retention_anonymise", """
        UPDATE referrals
           SET summary = NULL, raw = '{}'::jsonb,
               canonical = ((canonical - 'summary') #- '{victims,postcode_district}')
                   || jsonb_build_object('partner_reference', 'disposed:' || id, 'indicators', '[]'::jsonb),
               partner_reference = 'disposed:' || id,
               fingerprint = encode(sha256(convert_to(id::text, 'UTF8')), 'hex'),
               disposed_at = $2, disposal = 'anonymised'
         WHERE id = ANY($1::uuid[]) AND disposed_at IS NULL
        """)

    /// Escalated to a person: off the job's list until an operator sets a new review date.
    static let requestReview = PostgresQuery("referrals_retention_request_review", """
        UPDATE referrals SET review_requested_at = $2 WHERE id = ANY($1::uuid[]) AND disposed_at IS NULL
        """)

    /// Referrals escalated to review, oldest request first.
    static let reviews = PostgresQuery("referrals_retention_reviews", """
        SELECT r.id, r.reference, r.retention_class, r.retention_rule, r.review_at, r.review_requested_at,
               occ_retention_held(r.id, now()) AS held
        FROM referrals r WHERE r.review_requested_at IS NOT NULL AND r.disposed_at IS NULL
        ORDER BY r.review_requested_at, r.id LIMIT $1
        """)

    /// A person's decision on a referral: keep it for `$2` more (a new review date from now).
    static let keep = PostgresQuery("referrals_retention_keep", """
        UPDATE referrals SET retention_from = now(), review_at = now() + $2::interval, review_requested_at = NULL
        WHERE id = $1 AND disposed_at IS NULL RETURNING review_at
        """)

    /// The one leader among concurrent disposal jobs (a transaction lock, so a killed leader frees it).
    static let lead = PostgresQuery("retention_lead", "SELECT pg_try_advisory_xact_lock(4244, 1) AS leading")
}
