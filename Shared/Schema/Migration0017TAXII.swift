/// The TAXII 2.1 feed and referral withdrawal (docs/taxii.md, docs/withdraw.md).
///
/// `taxii_objects` is each partner's STIX log: one row per published version of an object, per
/// collection. Intake writes a partner's own referrals' indicators and sightings (and their
/// revoked versions on withdrawal) in the transaction that stores or withdraws the referral; the
/// feedback worker writes what the disclosure decision point released (outcome notes, confirmed
/// indicators) in the transaction that writes the feedback items. Rows get feed positions from
/// migration 12's trigger, so TAXII pages with the same commit-visibility cursor as the JSON
/// feeds. Each login sees and writes only the partner in scope.
///
/// `referral_corrections`: indicators a partner took out of its referral, and why (the agency API
/// shows them on the taskings). `referral_withdrawals`: a referral its partner withdrew, and why. Enrichment and tasking read
/// it to stop work on the referral; the agency API shows it on the referral's taskings. Enrichment
/// may now delete links, network members and keys, and unset a sighting's `links`, to take a
/// withdrawn referral out of its network.
enum Migration0017TAXII {
    static let sql = """
        CREATE TABLE taxii_objects (
            partner_id bigint NOT NULL REFERENCES partners (id),
            collection text NOT NULL CHECK (collection IN ('referrals', 'outcomes', 'confirmed')),
            object_id text NOT NULL CHECK (object_id ~ '^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
            object_type text NOT NULL GENERATED ALWAYS AS (split_part(object_id, '--', 1)) STORED,
            -- The STIX `modified` timestamp as published (millisecond precision, UTC).
            version text NOT NULL CHECK (version ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z$'),
            -- The referral the object came from, so withdrawing it can revoke exactly its objects.
            referral_id uuid REFERENCES referrals (id),
            object jsonb NOT NULL CHECK (object->>'id' = object_id AND object->>'modified' = version),
            date_added timestamptz NOT NULL DEFAULT clock_timestamp(),
            feed_xid xid8 NOT NULL,
            feed_seq bigint NOT NULL,
            PRIMARY KEY (partner_id, collection, object_id, version)
        );
        CREATE SEQUENCE taxii_objects_feed_seq OWNED BY taxii_objects.feed_seq;
        CREATE TRIGGER taxii_objects_feed_position BEFORE INSERT ON taxii_objects
            FOR EACH ROW EXECUTE FUNCTION occ_feed_position('taxii_objects_feed_seq');
        CREATE INDEX taxii_objects_feed ON taxii_objects (partner_id, collection, feed_xid, feed_seq);
        CREATE INDEX taxii_objects_referral ON taxii_objects (referral_id) WHERE referral_id IS NOT NULL;

        CREATE TABLE referral_withdrawals (
            referral_id uuid PRIMARY KEY REFERENCES referrals (id),
            partner_id bigint NOT NULL REFERENCES partners (id),
            reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
            -- The API key that withdrew it.
            withdrawn_by text NOT NULL CHECK (length(withdrawn_by) BETWEEN 1 AND 100),
            withdrawn_at timestamptz NOT NULL DEFAULT now()
        );

        -- Indicators a partner took out of its referral (each correction one row).
        CREATE TABLE referral_corrections (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            referral_id uuid NOT NULL REFERENCES referrals (id),
            partner_id bigint NOT NULL REFERENCES partners (id),
            reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
            removed_keys text[] NOT NULL CHECK (cardinality(removed_keys) BETWEEN 1 AND 100),
            corrected_by text NOT NULL CHECK (length(corrected_by) BETWEEN 1 AND 100),
            corrected_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX referral_corrections_referral ON referral_corrections (referral_id, corrected_at);

        ALTER TABLE taxii_objects ENABLE ROW LEVEL SECURITY;
        ALTER TABLE referral_corrections ENABLE ROW LEVEL SECURITY;
        CREATE POLICY referral_corrections_partner ON referral_corrections FOR ALL TO occ_intake
            USING (partner_id = (SELECT occ_partner_scope()))
            WITH CHECK (partner_id = (SELECT occ_partner_scope())
                        AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_id AND r.partner_id = referral_corrections.partner_id));
        CREATE POLICY referral_corrections_exchange_read ON referral_corrections FOR SELECT TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY referral_corrections_agency_tasked ON referral_corrections FOR SELECT TO occ_agency_api
            USING (EXISTS (SELECT 1 FROM taskings t
                           WHERE t.referral_id = referral_corrections.referral_id AND t.agency_code = (SELECT occ_agency_scope())));
        ALTER TABLE referral_withdrawals ENABLE ROW LEVEL SECURITY;
        CREATE POLICY taxii_objects_partner ON taxii_objects FOR ALL TO occ_intake, occ_feedback
            USING (partner_id = (SELECT occ_partner_scope())) WITH CHECK (partner_id = (SELECT occ_partner_scope()));
        CREATE POLICY taxii_objects_exchange_read ON taxii_objects FOR SELECT TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');
        -- Only the referral's own partner withdraws it (intake sees only its partner's referrals).
        CREATE POLICY referral_withdrawals_partner ON referral_withdrawals FOR ALL TO occ_intake
            USING (partner_id = (SELECT occ_partner_scope()))
            WITH CHECK (partner_id = (SELECT occ_partner_scope())
                        AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_id AND r.partner_id = referral_withdrawals.partner_id));
        CREATE POLICY referral_withdrawals_exchange_read ON referral_withdrawals FOR SELECT
            TO occ_enrichment, occ_tasking, occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY referral_withdrawals_agency_tasked ON referral_withdrawals FOR SELECT TO occ_agency_api
            USING (EXISTS (SELECT 1 FROM taskings t
                           WHERE t.referral_id = referral_withdrawals.referral_id AND t.agency_code = (SELECT occ_agency_scope())));

        GRANT SELECT, INSERT ON taxii_objects TO occ_intake, occ_feedback;
        GRANT USAGE ON SEQUENCE taxii_objects_feed_seq TO occ_intake, occ_feedback;
        GRANT SELECT ON taxii_objects TO occ_operator;
        GRANT SELECT, INSERT ON referral_withdrawals TO occ_intake;
        GRANT SELECT ON referral_withdrawals TO occ_enrichment, occ_tasking, occ_agency_api, occ_operator;
        GRANT SELECT, INSERT ON referral_corrections TO occ_intake;
        GRANT SELECT ON referral_corrections TO occ_agency_api, occ_operator;
        -- Enrichment takes a withdrawn referral out of correlation (unlink_referral).
        GRANT DELETE ON referral_links, network_members, network_keys TO occ_enrichment;
        GRANT UPDATE (links) ON indicator_sightings TO occ_enrichment;
        """
}
