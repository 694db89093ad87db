/// Group roles, one per service, holding only the grants each needs (granted by later migrations).
/// They cannot log in: operators create login roles per deployment and `GRANT occ_intake TO …`.
enum Migration0001Roles {
    static let sql = """
        DO $$
        DECLARE role_name text;
        BEGIN
            FOREACH role_name IN ARRAY ARRAY['occ_intake', 'occ_enrichment', 'occ_tasking', 'occ_feedback', 'occ_operator'] LOOP
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
                    EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
                END IF;
            END LOOP;
        END
        $$;
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
        """
}
