import Postgres

/// Catalogue queries behind `PrivilegeTable`: who holds what on the objects of schema `public`,
/// the owner's implicit rights left out.
enum PrivilegeQueries {
    /// Tables, views and sequences, and functions, with whether row-level security is on.
    static let objects = PostgresQuery(
        "privileges_objects",
        """
        SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'view' ELSE 'table' END AS kind,
               c.relname::text AS name, c.relrowsecurity AS rls
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        UNION ALL
        SELECT 'function', p.oid::regprocedure::text, false
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public'
        """)
    /// One row per (object, grantee, privilege, column or NULL for the whole object).
    static let grants = PostgresQuery(
        "privileges_grants",
        """
        WITH objects AS (
            SELECT c.oid, c.relname::text AS name,
                   CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'view' ELSE 'table' END AS kind,
                   c.relowner AS owner, coalesce(c.relacl, acldefault((CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END)::"char", c.relowner)) AS acl
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        )
        SELECT o.kind, o.name, \(grantee), a.privilege_type, NULL::text AS column_name
        FROM objects o, aclexplode(o.acl) a
        WHERE a.grantee <> o.owner
        UNION ALL
        SELECT o.kind, o.name, \(grantee), a.privilege_type, att.attname::text
        FROM objects o JOIN pg_attribute att ON att.attrelid = o.oid AND att.attnum > 0 AND NOT att.attisdropped,
             aclexplode(att.attacl) a
        WHERE att.attacl IS NOT NULL AND a.grantee <> o.owner
        UNION ALL
        SELECT 'function', p.oid::regprocedure::text, \(grantee), a.privilege_type, NULL
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,
             aclexplode(coalesce(p.proacl, acldefault('f'::"char", p.proowner))) a
        WHERE n.nspname = 'public' AND a.grantee <> p.proowner
        """)
    /// `aclexplode`'s grantee as a name (oid 0 is PUBLIC).
    private static let grantee = "CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END AS grantee"
    /// Tables with row-level security on, and their policies.
    static let policies = PostgresQuery(
        "privileges_policies",
        """
        SELECT c.relname::text AS table_name, c.relrowsecurity AS enabled, p.polname::text AS policy,
               CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
               array(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) AS r ORDER BY 1) AS roles
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_policy p ON p.polrelid = c.oid
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND (c.relrowsecurity OR p.oid IS NOT NULL)
        ORDER BY 1, 3
        """)
}
