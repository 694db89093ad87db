/// Group roles, one per service, holding only the grants each needs (granted by later migrations).
/// They cannot log in: operators create login roles per deployment and `GRANT occ_intake TO …`.
enum Migration0001Roles {
    static let sql = """
        DO $$
        DECLARE role_name text;
        BEGIN
            FOREACH role_name IN ARRAY ARRAY['occ_intake', 'occ_enrichment', 'occ_tasking', 'occ_feedback', 'occ_operator'] LOOP
                -- Roles are cluster-wide: another database on the same server may create them
                -- at the same moment, so a duplicate is expected and harmless.
                BEGIN
                    EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;
                END;
            END LOOP;
        END
        $$;
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
        """
}
