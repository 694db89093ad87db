/// Session time limits for the logins that act as each service.
///
/// `ALTER ROLE occ_intake SET …` would change nothing: PostgreSQL applies a role's settings only
/// to sessions that log in as that very role, never to its members, and the group roles cannot
/// log in. So the limits go on the logins: here, every existing LOGIN member of a group gets each
/// limit it does not have yet (a DBA's own value is kept); `deploy/postgres/login-role.psql` sets
/// them on logins it creates or updates. The services also send their own limits when they
/// connect (`SessionTimeouts`, from `DATABASE_*_TIMEOUT`), which take precedence; these are what
/// every other session of the login gets (psql, ad hoc tools, an older binary).
///
/// Service logins: 15 s per statement, 30 s idle inside a transaction, 10 s waiting for a lock.
/// The operator's login runs long reads (reports, audit verification): no statement limit,
/// 10 minutes idle in a transaction, 30 s for a lock. A login the migrating role may not alter
/// (PostgreSQL 16+: without ADMIN OPTION on it) is skipped with a warning naming it; one that a
/// concurrent migration of another database on the same server is altering is left to that one.
enum Migration0005Timeouts {
    static let sql = """
        DO $$
        DECLARE
            login record;
            setting record;
        BEGIN
            FOR login IN
                SELECT member.oid, member.rolname, bool_or(grp.rolname = 'occ_operator') AS operator
                  FROM pg_auth_members AS m
                  JOIN pg_roles AS grp ON grp.oid = m.roleid
                  JOIN pg_roles AS member ON member.oid = m.member
                 WHERE grp.rolname IN ('occ_intake', 'occ_enrichment', 'occ_tasking', 'occ_feedback', 'occ_operator')
                   AND member.rolcanlogin AND NOT member.rolsuper
                 GROUP BY member.oid, member.rolname
                 ORDER BY member.rolname
            LOOP
                BEGIN
                    FOR setting IN
                        SELECT * FROM (VALUES
                            ('statement_timeout', CASE WHEN login.operator THEN '0' ELSE '15s' END),
                            ('idle_in_transaction_session_timeout', CASE WHEN login.operator THEN '10min' ELSE '30s' END),
                            ('lock_timeout', CASE WHEN login.operator THEN '30s' ELSE '10s' END)
                        ) AS limits (name, value)
                        WHERE NOT EXISTS (
                            SELECT 1 FROM pg_db_role_setting AS s, unnest(s.setconfig) AS entry
                             WHERE s.setrole = login.oid AND s.setdatabase = 0 AND entry LIKE limits.name || '=%')
                    LOOP
                        EXECUTE format('ALTER ROLE %I SET %I = %L', login.rolname, setting.name, setting.value);
                    END LOOP;
                EXCEPTION
                    WHEN insufficient_privilege THEN
                        RAISE WARNING 'login % lacks session time limits (not allowed to alter it): run deploy/postgres/roles.sql for it',
                            login.rolname;
                    -- Logins are cluster-wide: another database's migration on the same server may be
                    -- setting the same limits at this moment ("tuple concurrently updated" is XX000).
                    WHEN unique_violation OR internal_error THEN
                        NULL;
                END;
            END LOOP;
        END
        $$;
        """
}
