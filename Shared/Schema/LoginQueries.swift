import Postgres

/// Statements on `occ_login_bindings` and the role catalogue.
enum LoginQueries {
    static let bindingsExist = PostgresQuery(
        "logins_bindings_exist", "SELECT to_regclass('occ_login_bindings') IS NOT NULL AS present")
    /// The role with its exchange group memberships.
    static let role = PostgresQuery(
        "logins_role",
        """
        SELECT r.rolsuper, array(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                                 WHERE m.member = r.oid AND g.rolname LIKE 'occ\\_%' ORDER BY g.rolname) AS groups
        FROM pg_roles r WHERE r.rolname = $1
        """)
    static let agencyExists = PostgresQuery("logins_agency_exists", "SELECT 1 FROM agencies WHERE code = $1")
    static let partnerExists = PostgresQuery("logins_partner_exists", "SELECT 1 FROM partners WHERE id = $1")
    static let bind = PostgresQuery(
        "logins_bind", "INSERT INTO occ_login_bindings (login, kind, agency_code, partner_id) VALUES ($1, $2, $3, $4)")
    static let unbind = PostgresQuery("logins_unbind", "DELETE FROM occ_login_bindings WHERE login = $1")
    static let terminate = PostgresQuery(
        "logins_terminate", "SELECT count(pg_terminate_backend(pid)) AS ended FROM pg_stat_activity WHERE usename = $1")
    /// Members of the exchange's groups and bound logins, whether or not their role still exists.
    static let list = PostgresQuery(
        "logins_list",
        """
        WITH members AS (
            SELECT r.rolname::text AS login, r.rolcanlogin AS can_login,
                   array(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                         WHERE m.member = r.oid AND g.rolname LIKE 'occ\\_%' ORDER BY g.rolname) AS groups
            FROM pg_roles r
        )
        SELECT coalesce(m.login, b.login) AS login, coalesce(m.groups, '{}') AS groups,
               coalesce(m.can_login, false) AS can_login, m.login IS NOT NULL AS role_exists,
               b.kind, b.agency_code, b.partner_id
        FROM (SELECT * FROM members WHERE cardinality(groups) > 0) m
        FULL JOIN occ_login_bindings b ON b.login = m.login
        ORDER BY 1
        """)
}
