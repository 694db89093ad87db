/// Lawful gateways as data, data-sharing agreements, referrals flagged for an analyst, and the
/// existence-safe lookup (docs/gateways.md).
///
/// `lawful_gateways` is the registry intake and tasking read at request time: who may invoke a
/// gateway (sectors, regulated-sector firms, public authorities) and which agencies may be tasked
/// under it (NULL: any). It is seeded with the six codes referrals already cite; readings marked
/// [check] in docs/gateways.md are data, to be corrected with `occ gateways` rather than code.
/// Partners gain two standing flags (finance partners are taken to be regulated-sector firms)
/// and, so that existing partners keep submitting, one agreement each for every gateway their
/// standing may invoke (reference "migration 10 default"). Agreements are per partner; intake
/// reads only the partner in scope. `gateway_flags` holds referrals whose gateway permitted none
/// of the teams routing chose. The lookup counts sightings through a definer function that
/// returns counts only, leaving out TLP:RED referrals; `lookup_usage` is the per-partner,
/// per-minute request count for the rate limit.
enum Migration0010Gateways {
    static let sql = gateways + lookups

    static let gateways = """
        ALTER TABLE partners
            ADD COLUMN regulated_sector boolean NOT NULL DEFAULT false,
            ADD COLUMN public_authority boolean NOT NULL DEFAULT false;
        UPDATE partners SET regulated_sector = true WHERE sector = 'finance';

        CREATE TABLE lawful_gateways (
            code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,63}$'),
            title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
            citation text NOT NULL CHECK (length(citation) BETWEEN 1 AND 300),
            invoker_sectors text[] NOT NULL DEFAULT '{}'
                CHECK (invoker_sectors <@ ARRAY['telco', 'tech', 'cyber', 'finance']::text[]),
            invoker_regulated_sector boolean NOT NULL DEFAULT false,
            invoker_public_authority boolean NOT NULL DEFAULT false,
            permitted_agencies text[],
            onward_disclosure text NOT NULL CHECK (length(onward_disclosure) BETWEEN 1 AND 2000),
            created_at timestamptz NOT NULL DEFAULT now(),
            retired_at timestamptz
        );
        INSERT INTO lawful_gateways (code, title, citation, invoker_sectors, invoker_regulated_sector,
                                     invoker_public_authority, permitted_agencies, onward_disclosure) VALUES
            ('cca_2013_s7', 'Disclosure to the National Crime Agency', 'Crime and Courts Act 2013, s.7',
             '{telco,tech,cyber,finance}', true, true, '{NCA_TICAT,NCA_INTERNATIONAL}',
             'Disclosure is to the NCA for its functions; onward disclosure by the NCA is limited by Schedule 7.'),
            ('sca_2007_s68', 'Public authority disclosure to prevent fraud', 'Serious Crime Act 2007, s.68',
             '{}', false, true, '{COLP_FTC,REPORT_FRAUD}',
             'Onward disclosure of information received under s.68 is an offence except as s.69 permits.'),
            ('eccta_2023_ss188_189', 'Information sharing to prevent economic crime',
             'Economic Crime and Corporate Transparency Act 2023, ss.188–189',
             '{}', true, false, NULL,
             'Shared to prevent, detect or investigate economic crime; use only for that purpose.'),
            ('dpa_2018_part3', 'Law-enforcement processing by competent authorities', 'Data Protection Act 2018, Part 3',
             '{}', false, true, NULL,
             'The receiving competent authority''s regime; each disclosure is logged (s.62).'),
            ('dpa_2018_sch2_para2', 'Crime and taxation exemption', 'Data Protection Act 2018, Schedule 2 paragraph 2',
             '{telco,tech,cyber,finance}', true, true, NULL,
             'Disclosed for the prevention or detection of crime; use for that purpose only.'),
            ('poca_2002_sar', 'Suspicious activity report', 'Proceeds of Crime Act 2002, suspicious activity report',
             '{}', true, false, '{NCA_TICAT,NCA_INTERNATIONAL}',
             'SARs go to the NCA; onward use is governed by the SAR regime''s confidentiality.');

        CREATE TABLE sharing_agreements (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            partner_id bigint NOT NULL REFERENCES partners (id),
            reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
            gateways text[] NOT NULL CHECK (cardinality(gateways) > 0),
            valid_from timestamptz NOT NULL DEFAULT now(),
            valid_to timestamptz,
            created_at timestamptz NOT NULL DEFAULT now(),
            CHECK (valid_to IS NULL OR valid_to >= valid_from)
        );
        CREATE INDEX sharing_agreements_partner ON sharing_agreements (partner_id);
        INSERT INTO sharing_agreements (partner_id, reference, gateways)
        SELECT p.id, 'migration 10 default', array_agg(g.code ORDER BY g.code)
        FROM partners p JOIN lawful_gateways g
          ON p.sector = ANY (g.invoker_sectors) OR (g.invoker_regulated_sector AND p.regulated_sector)
             OR (g.invoker_public_authority AND p.public_authority)
        GROUP BY p.id;

        CREATE TABLE gateway_flags (
            referral_id uuid PRIMARY KEY REFERENCES referrals (id),
            gateway text NOT NULL,
            withheld_teams text[] NOT NULL,
            reason text NOT NULL,
            flagged_at timestamptz NOT NULL DEFAULT now()
        );

        ALTER TABLE sharing_agreements ENABLE ROW LEVEL SECURITY;
        ALTER TABLE gateway_flags ENABLE ROW LEVEL SECURITY;
        GRANT SELECT ON lawful_gateways TO occ_intake, occ_tasking, occ_agency_api, occ_feedback, occ_operator;
        GRANT INSERT, UPDATE ON lawful_gateways TO occ_operator;
        GRANT SELECT (id, sector, regulated_sector, public_authority) ON partners TO occ_intake;
        GRANT SELECT (regulated_sector, public_authority) ON partners TO occ_operator;
        GRANT SELECT ON sharing_agreements TO occ_intake;
        GRANT SELECT, INSERT, UPDATE (valid_to) ON sharing_agreements TO occ_operator;
        CREATE POLICY sharing_agreements_intake_partner ON sharing_agreements FOR SELECT TO occ_intake
            USING (partner_id = (SELECT occ_partner_scope()));
        CREATE POLICY sharing_agreements_operator ON sharing_agreements TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        -- The worker's ON CONFLICT check reads the key column (a redelivered job flags nothing twice).
        GRANT SELECT (referral_id), INSERT ON gateway_flags TO occ_tasking;
        GRANT SELECT ON gateway_flags TO occ_operator;
        CREATE POLICY gateway_flags_worker ON gateway_flags FOR ALL TO occ_tasking
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY gateway_flags_operator_read ON gateway_flags FOR SELECT TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');

        """

    static let lookups = """
        CREATE TABLE lookup_policy (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            sector_floor integer NOT NULL DEFAULT 3 CHECK (sector_floor BETWEEN 2 AND 4),
            max_values integer NOT NULL DEFAULT 100 CHECK (max_values BETWEEN 1 AND 1000),
            requests_per_minute integer NOT NULL DEFAULT 30 CHECK (requests_per_minute BETWEEN 1 AND 100000),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        INSERT INTO lookup_policy DEFAULT VALUES;

        CREATE TABLE lookup_usage (
            partner_id bigint NOT NULL REFERENCES partners (id),
            window_start timestamptz NOT NULL,
            requests integer NOT NULL CHECK (requests >= 1),
            PRIMARY KEY (partner_id, window_start)
        );

        CREATE FUNCTION occ_indicator_lookup(items integer[], keys text[])
            RETURNS TABLE (item integer, sectors integer, partners integer)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT q.item, count(DISTINCT s.sector)::integer, count(DISTINCT s.partner_id)::integer
                FROM unnest($1, $2) AS q (item, key)
                JOIN public.indicator_sightings s ON s.key = q.key
                JOIN public.referrals r ON r.id = s.referral_id
                WHERE r.tlp <> 'RED'
                GROUP BY q.item
            $$;
        REVOKE ALL ON FUNCTION occ_indicator_lookup(integer[], text[]) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_indicator_lookup(integer[], text[]) TO occ_intake;

        ALTER TABLE lookup_usage ENABLE ROW LEVEL SECURITY;
        GRANT SELECT ON lookup_policy TO occ_intake, occ_operator;
        GRANT UPDATE (sector_floor, max_values, requests_per_minute, updated_at) ON lookup_policy TO occ_operator;
        GRANT SELECT, INSERT, UPDATE, DELETE ON lookup_usage TO occ_intake;
        CREATE POLICY lookup_usage_intake_partner ON lookup_usage FOR ALL TO occ_intake
            USING (partner_id = (SELECT occ_partner_scope())) WITH CHECK (partner_id = (SELECT occ_partner_scope()));
        """
}
