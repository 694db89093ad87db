import Postgres

/// Statements revoking a disposed referral's objects in the partners' TAXII collections
/// (`taxii_objects`, migration 17), as a withdrawal does: a new version with `"revoked": true`.
enum RetentionTAXIIQueries {
    /// The newest version of every object, in any partner's collection, that a version from one
    /// of the batch's referrals (`$1`) published, unless it is already revoked or a live referral
    /// (neither in the batch nor disposed of) published a version of it too: a confirmed indicator
    /// another referral of the partner still backs stays.
    static let latestOfReferrals = PostgresQuery("taxii_objects_retention_latest", """
        SELECT partner_id, collection, referral_id, object FROM (
            SELECT DISTINCT ON (o.partner_id, o.collection, o.object_id)
                   o.partner_id, o.collection, o.referral_id, o.object::text AS object, o.object->'revoked' AS revoked
            FROM taxii_objects o
            WHERE (o.partner_id, o.collection, o.object_id) IN (
                    SELECT partner_id, collection, object_id FROM taxii_objects WHERE referral_id = ANY ($1::uuid[]))
              AND NOT EXISTS (
                    SELECT 1 FROM taxii_objects l JOIN referrals r ON r.id = l.referral_id
                    WHERE l.partner_id = o.partner_id AND l.collection = o.collection AND l.object_id = o.object_id
                      AND r.id <> ALL ($1::uuid[]) AND r.disposed_at IS NULL)
            ORDER BY o.partner_id, o.collection, o.object_id, o.version DESC
        ) latest
        WHERE revoked IS DISTINCT FROM 'true'::jsonb
        ORDER BY partner_id, collection, object
        """)

    /// Inserts revoked versions: `$1` partners, `$2` collections, `$3` objects as JSON text, `$4`
    /// their referrals. Each row's id and version are the object's own `id` and `modified`.
    static let insertRevoked = PostgresQuery("taxii_objects_retention_revoke", """
        INSERT INTO taxii_objects (partner_id, collection, object_id, version, referral_id, object)
        SELECT t.partner, t.collection, t.object->>'id', t.object->>'modified', t.referral, t.object
        FROM unnest($1::bigint[], $2::text[], $3::text[]::jsonb[], $4::uuid[]) WITH ORDINALITY AS t(partner, collection, object, referral, n)
        ORDER BY t.n
        ON CONFLICT DO NOTHING
        """)
}
