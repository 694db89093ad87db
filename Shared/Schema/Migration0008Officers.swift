/// Named officers under their agency, and API keys that belong to one officer.
///
/// An officer's staff identifier (collar or warrant number) is unique among the agency's active
/// officers, so a number reissued after its holder left can be registered again; the audit log
/// names officers by `id`, which is never reused. Revoking an officer revokes their keys in the
/// same transaction (`OfficerRegistry.revoke`).
///
/// `agency:tasking` keys must belong to an officer, so every agency action and read is recorded
/// against a person. The constraint is `NOT VALID`: agency keys issued before this migration stay
/// (the agency API refuses them with 403) and can still be revoked; no new one can be written.
/// Who-read lookups find events by subject, hence the index on `audit_log`.
enum Migration0008Officers {
    static let sql = """
        CREATE TABLE officers (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            agency_code text NOT NULL REFERENCES agencies (code),
            name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            staff_id text NOT NULL CHECK (staff_id ~ '^[A-Z0-9][A-Z0-9/._-]{0,31}$'),
            created_at timestamptz NOT NULL DEFAULT now(),
            revoked_at timestamptz,
            -- Lets a key name its officer and agency together (api_keys_officer_agency).
            UNIQUE (id, agency_code)
        );
        CREATE UNIQUE INDEX officers_active_staff_id ON officers (agency_code, staff_id) WHERE revoked_at IS NULL;

        ALTER TABLE api_keys ADD COLUMN officer_id bigint;
        ALTER TABLE api_keys
            ADD CONSTRAINT api_keys_officer_agency FOREIGN KEY (officer_id, agency_code) REFERENCES officers (id, agency_code),
            ADD CONSTRAINT api_keys_officer_needs_agency CHECK (officer_id IS NULL OR agency_code IS NOT NULL),
            ADD CONSTRAINT api_keys_officer_scopes CHECK (officer_id IS NULL OR scopes <@ ARRAY['agency:tasking']::text[]);
        ALTER TABLE api_keys ADD CONSTRAINT api_keys_agency_tasking_officer
            CHECK (officer_id IS NOT NULL OR revoked_at IS NOT NULL OR NOT scopes @> ARRAY['agency:tasking']::text[]) NOT VALID;
        CREATE INDEX api_keys_officer ON api_keys (officer_id) WHERE officer_id IS NOT NULL;

        CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);

        -- Only the exchange's operator manages officers; services learn a key's officer from
        -- the key row (column grants as migration 7 restated them for the other columns).
        ALTER TABLE officers ENABLE ROW LEVEL SECURITY;
        CREATE POLICY officers_operator ON officers TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        GRANT SELECT, INSERT ON officers TO occ_operator;
        GRANT UPDATE (revoked_at) ON officers TO occ_operator;
        GRANT SELECT (officer_id) ON api_keys TO occ_intake, occ_agency_api, occ_feedback, occ_operator;
        """
}
