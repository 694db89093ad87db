import Postgres

/// Statements on `retention_rules` and `retention_classes`.
enum RetentionRuleQueries {
    static let columns = """
        r.id, r.record_class, r.crime_type, r.review_period::text AS review_period, r.action, r.legal_basis, r.source,
        r.created_at, r.retired_at,
        (SELECT count(*) FROM referrals x WHERE x.retention_rule = r.id AND x.disposed_at IS NULL) AS referrals
        """
    static let list = PostgresQuery("retention_rules_list", """
        SELECT \(columns) FROM retention_rules r ORDER BY r.retired_at IS NOT NULL, r.record_class, r.crime_type NULLS FIRST, r.id
        """)
    static let one = PostgresQuery("retention_rules_one", "SELECT \(columns) FROM retention_rules r WHERE r.id = $1")
    /// Inserting moves the review dates of the class (a trigger); a clash is reported by `ON CONFLICT`.
    static let add = PostgresQuery("retention_rules_add", """
        INSERT INTO retention_rules (id, record_class, crime_type, review_period, action, legal_basis, source)
        VALUES ($1, $2, $3, $4::interval, $5, $6, $7)
        ON CONFLICT DO NOTHING
        RETURNING id
        """)
    static let retire = PostgresQuery("retention_rules_retire", """
        UPDATE retention_rules SET retired_at = now() WHERE id = $1 AND retired_at IS NULL RETURNING id
        """)
    static let classes = PostgresQuery("retention_classes_list", "SELECT code, description, actions FROM retention_classes ORDER BY code")
}
