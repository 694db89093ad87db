/// Networks as first-class objects, warning lists, and per-key counters kept incrementally.
///
/// A **network** groups referrals linked by shared correlation keys: `network_keys` maps each
/// linking key to the one network holding it, `network_members` each enriched referral to its
/// network (a referral with nothing shared is a network of one), `network_partners` the
/// distinct partners (and their sectors) that referred into it. `occ_network_join` adds a
/// referral, merging every network its keys touch into the one with the smallest id (the
/// others keep a row with `merged_into`, so an old id still resolves). It takes a transaction
/// advisory lock per network (`(4243, id)` space, separate from the per-key locks) in ascending
/// id order, re-reading the key map until no network it has not locked appears; a network
/// discovered only after a higher one was locked can make two merges wait on each other, which
/// PostgreSQL's deadlock detector breaks by failing one transaction — its job is retried, and a
/// retry is idempotent (a referral already in a network is reported as is). `version` rises
/// whenever a join changes what scoring and routing read of the network (a merge, a new partner
/// or sector): enrichment then re-scores every member and asks tasking to route each again.
///
/// **Warning lists** (`warninglist_entries`): correlation keys of benign values (webmail and
/// platform domains, URL shorteners, genuine helplines) that are recorded and shown but link
/// nothing; seeded with documented examples, edited with `occ warninglists`.
///
/// **Counters**: `indicators.sightings` and `indicator_partners` (one row per key and partner)
/// let a sighting update its key's counts without reading the key's other sightings.
///
/// Tasking may now raise an open tasking's priority (and bring its deadline forward) when a
/// network's growth re-routes a referral: it reads and updates those columns of its agency-in-
/// scope's rows only.
enum Migration0011Networks {
    static let sql = """
        CREATE TABLE warninglist_entries (
            key text PRIMARY KEY CHECK (length(key) BETWEEN 3 AND 8300),
            list text NOT NULL CHECK (list ~ '^[a-z0-9-]{1,64}$'),
            reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
            added_at timestamptz NOT NULL DEFAULT now()
        );
        INSERT INTO warninglist_entries (key, list, reason) VALUES
            ('domain:gmail.com', 'webmail', 'Google Mail: free webmail used by millions of unrelated people'),
            ('domain:googlemail.com', 'webmail', 'Google Mail (older domain)'),
            ('domain:outlook.com', 'webmail', 'Microsoft Outlook.com webmail'),
            ('domain:hotmail.com', 'webmail', 'Microsoft Hotmail webmail'),
            ('domain:hotmail.co.uk', 'webmail', 'Microsoft Hotmail webmail (UK)'),
            ('domain:yahoo.com', 'webmail', 'Yahoo Mail'),
            ('domain:icloud.com', 'webmail', 'Apple iCloud Mail'),
            ('domain:bit.ly', 'url-shorteners', 'Bitly link shortener: the short link is evidence, the domain is not'),
            ('domain:tinyurl.com', 'url-shorteners', 'TinyURL link shortener'),
            ('domain:t.co', 'url-shorteners', 'X (Twitter) link wrapper'),
            ('domain:ow.ly', 'url-shorteners', 'Hootsuite link shortener'),
            ('domain:is.gd', 'url-shorteners', 'is.gd link shortener'),
            ('domain:google.com', 'platforms', 'Google: hosts forms, sites and documents for everyone'),
            ('domain:facebook.com', 'platforms', 'Facebook: every profile and page shares the domain'),
            ('domain:instagram.com', 'platforms', 'Instagram'),
            ('domain:whatsapp.com', 'platforms', 'WhatsApp (wa.me links resolve here)'),
            ('domain:wa.me', 'platforms', 'WhatsApp click-to-chat links'),
            ('phone:+442079460000', 'genuine-helplines',
             'Example only: a bank''s genuine fraud helpline, which scammers spoof (an Ofcom drama-range number standing in for real ones)');

        CREATE TABLE networks (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            merged_into bigint REFERENCES networks (id),
            referral_count integer NOT NULL DEFAULT 0 CHECK (referral_count >= 0),
            indicator_count integer NOT NULL DEFAULT 0 CHECK (indicator_count >= 0),
            partner_count integer NOT NULL DEFAULT 0 CHECK (partner_count >= 0),
            sector_count integer NOT NULL DEFAULT 0 CHECK (sector_count >= 0),
            first_seen timestamptz NOT NULL,
            last_seen timestamptz NOT NULL,
            -- The highest member score.
            score smallint NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
            version integer NOT NULL DEFAULT 0,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            CHECK (merged_into IS NULL OR merged_into < id)
        );
        CREATE INDEX networks_merged_into ON networks (merged_into) WHERE merged_into IS NOT NULL;
        CREATE TABLE network_members (
            referral_id uuid PRIMARY KEY REFERENCES referrals (id),
            network_id bigint NOT NULL REFERENCES networks (id),
            joined_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX network_members_network ON network_members (network_id);
        CREATE TABLE network_keys (
            key text PRIMARY KEY,
            network_id bigint NOT NULL REFERENCES networks (id)
        );
        CREATE INDEX network_keys_network ON network_keys (network_id);
        CREATE TABLE network_partners (
            network_id bigint NOT NULL REFERENCES networks (id),
            partner_id bigint NOT NULL REFERENCES partners (id),
            sector text NOT NULL,
            PRIMARY KEY (network_id, partner_id)
        );

        ALTER TABLE referral_scores
            ADD COLUMN network_id bigint REFERENCES networks (id),
            -- What enrichment derived and found listed, as shown with the referral (CorrelationPlan).
            ADD COLUMN enrichment jsonb NOT NULL DEFAULT '{}';

        -- A sighting in a non-linking role (a spoofed caller ID, a victim's account, a redirector)
        -- is never a link target, even for a referral that shares the value in a linking role.
        ALTER TABLE indicator_sightings ADD COLUMN links boolean NOT NULL DEFAULT true;
        ALTER TABLE indicators ADD COLUMN sightings bigint NOT NULL DEFAULT 0;
        UPDATE indicators i SET sightings = c.n FROM (SELECT key, count(*) AS n FROM indicator_sightings GROUP BY key) c WHERE c.key = i.key;
        CREATE TABLE indicator_partners (
            key text NOT NULL,
            partner_id bigint NOT NULL REFERENCES partners (id),
            sector text NOT NULL,
            PRIMARY KEY (key, partner_id)
        );
        INSERT INTO indicator_partners (key, partner_id, sector)
            SELECT DISTINCT ON (key, partner_id) key, partner_id, sector FROM indicator_sightings ORDER BY key, partner_id;

        CREATE FUNCTION occ_network_join(p_referral uuid, p_keys text[], p_partner bigint, p_sector text, p_seen timestamptz)
            RETURNS TABLE (joined_network bigint, network_version integer, reevaluate boolean, partners integer, sectors integer,
                           referrals integer)
            LANGUAGE plpgsql SET search_path = public, pg_temp
        AS $fn$
        DECLARE
            found bigint[];
            held bigint[] := '{}';
            fresh bigint[];
            n bigint;
            target bigint;
            others bigint[] := '{}';
            existing bigint;
            partners_before integer;
            sectors_before integer;
            partners_after integer;
            sectors_after integer;
            added_keys integer;
            changed boolean;
        BEGIN
            SELECT m.network_id INTO existing FROM network_members m WHERE m.referral_id = p_referral;
            IF existing IS NOT NULL THEN
                RETURN QUERY SELECT w.id, w.version, false, w.partner_count, w.sector_count, w.referral_count
                             FROM networks w WHERE w.id = existing;
                RETURN;
            END IF;
            LOOP
                SELECT coalesce(array_agg(DISTINCT k.network_id ORDER BY k.network_id), '{}') INTO found
                FROM network_keys k WHERE k.key = ANY (p_keys);
                fresh := ARRAY(SELECT f FROM unnest(found) AS f WHERE f <> ALL (held) ORDER BY f);
                EXIT WHEN cardinality(fresh) = 0;
                FOREACH n IN ARRAY fresh LOOP
                    PERFORM pg_advisory_xact_lock(4243, (n % 2147483647)::integer);
                END LOOP;
                held := held || fresh;
            END LOOP;

            IF cardinality(found) = 0 THEN
                INSERT INTO networks (first_seen, last_seen) VALUES (p_seen, p_seen) RETURNING id INTO target;
            ELSE
                target := found[1];
                others := found[2:];
            END IF;
            IF cardinality(others) > 0 THEN
                UPDATE network_members m SET network_id = target WHERE m.network_id = ANY (others);
                UPDATE network_keys k SET network_id = target WHERE k.network_id = ANY (others);
                INSERT INTO network_partners (network_id, partner_id, sector)
                    SELECT target, p.partner_id, p.sector FROM network_partners p WHERE p.network_id = ANY (others)
                    ON CONFLICT DO NOTHING;
                DELETE FROM network_partners p WHERE p.network_id = ANY (others);
                UPDATE networks w SET
                    referral_count = w.referral_count + s.referrals, indicator_count = w.indicator_count + s.indicators,
                    first_seen = least(w.first_seen, s.first_seen), last_seen = greatest(w.last_seen, s.last_seen),
                    score = greatest(w.score, s.score)
                FROM (SELECT sum(o.referral_count)::integer AS referrals, sum(o.indicator_count)::integer AS indicators,
                             min(o.first_seen) AS first_seen, max(o.last_seen) AS last_seen, max(o.score) AS score
                      FROM networks o WHERE o.id = ANY (others)) AS s
                WHERE w.id = target;
                UPDATE networks w SET merged_into = target, referral_count = 0, indicator_count = 0, partner_count = 0,
                                      sector_count = 0, updated_at = now()
                WHERE w.id = ANY (others) OR w.merged_into = ANY (others);
            END IF;

            SELECT count(*)::integer, count(DISTINCT p.sector)::integer INTO partners_before, sectors_before
            FROM network_partners p WHERE p.network_id = target;
            INSERT INTO network_members (referral_id, network_id) VALUES (p_referral, target);
            WITH added AS (
                INSERT INTO network_keys (key, network_id) SELECT DISTINCT k, target FROM unnest(p_keys) AS k
                ON CONFLICT (key) DO NOTHING RETURNING 1)
            SELECT count(*)::integer INTO added_keys FROM added;
            INSERT INTO network_partners (network_id, partner_id, sector) VALUES (target, p_partner, p_sector) ON CONFLICT DO NOTHING;
            SELECT count(*)::integer, count(DISTINCT p.sector)::integer INTO partners_after, sectors_after
            FROM network_partners p WHERE p.network_id = target;
            changed := cardinality(others) > 0 OR partners_after <> partners_before OR sectors_after <> sectors_before;
            UPDATE networks w SET
                referral_count = w.referral_count + 1, indicator_count = w.indicator_count + added_keys,
                partner_count = partners_after, sector_count = sectors_after,
                first_seen = least(w.first_seen, p_seen), last_seen = greatest(w.last_seen, p_seen),
                version = w.version + CASE WHEN changed THEN 1 ELSE 0 END, updated_at = now()
            WHERE w.id = target
            RETURNING w.id, w.version, changed AND w.referral_count > 1, w.partner_count, w.sector_count, w.referral_count
            INTO joined_network, network_version, reevaluate, partners, sectors, referrals;
            RETURN NEXT;
        END
        $fn$;
        REVOKE ALL ON FUNCTION occ_network_join(uuid, text[], bigint, text, timestamptz) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_network_join(uuid, text[], bigint, text, timestamptz) TO occ_enrichment;

        -- The network view for a tasked team (GET /v1/networks/{id}): NULL unless the agency in
        -- scope has a tasking on a member. A merged id resolves to the network it merged into.
        -- Members tasked to the agency are shown with their reference and tasking; others only
        -- by crime type, marking and when they joined, and not at all (counted as withheld)
        -- when marked AMBER+STRICT or RED. Indicators are the network's linking keys sighted
        -- by shown members; the timeline is when members joined and the agency's taskings.
        CREATE FUNCTION occ_network_view(p_network bigint) RETURNS jsonb
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $fn$
            WITH RECURSIVE chain AS (
                SELECT n.id, n.merged_into FROM networks n WHERE n.id = p_network
                UNION ALL
                SELECT n.id, n.merged_into FROM networks n JOIN chain c ON n.id = c.merged_into
            ), target AS (
                SELECT n.* FROM networks n JOIN chain c ON c.id = n.id WHERE n.merged_into IS NULL
            ), members AS (
                SELECT m.referral_id, m.joined_at, r.reference, r.crime_type, r.tlp, t.id AS tasking_id, t.priority,
                       t.status, t.created_at AS tasked_at,
                       (t.id IS NOT NULL OR r.tlp IN ('CLEAR', 'GREEN', 'AMBER')) AS shown
                FROM target JOIN network_members m ON m.network_id = target.id JOIN referrals r ON r.id = m.referral_id
                LEFT JOIN taskings t ON t.referral_id = m.referral_id AND t.agency_code = (SELECT occ_agency_scope())
            )
            SELECT jsonb_build_object(
                'id', t.id, 'requested_id', p_network, 'referral_count', t.referral_count, 'partner_count', t.partner_count,
                'sector_count', t.sector_count, 'indicator_count', t.indicator_count, 'first_seen', t.first_seen,
                'last_seen', t.last_seen, 'score', t.score,
                'referrals', (SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                                  'tasked_to_you', m.tasking_id IS NOT NULL, 'referral_id', CASE WHEN m.tasking_id IS NOT NULL THEN m.referral_id END,
                                  'reference', CASE WHEN m.tasking_id IS NOT NULL THEN m.reference END, 'crime_type', m.crime_type,
                                  'tlp', m.tlp, 'joined_at', m.joined_at, 'tasking_id', m.tasking_id, 'priority', m.priority,
                                  'status', m.status)) ORDER BY m.joined_at, m.referral_id), '[]')
                              FROM members m WHERE m.shown),
                'withheld_referrals', (SELECT count(*) FROM members m WHERE NOT m.shown),
                'indicators', (SELECT coalesce(jsonb_agg(jsonb_build_object('key', x.key, 'referrals', x.n) ORDER BY x.key), '[]')
                               FROM (SELECT s.key, count(*) AS n FROM indicator_sightings s JOIN members m ON m.referral_id = s.referral_id
                                     JOIN network_keys k ON k.key = s.key AND k.network_id = t.id
                                     WHERE m.shown AND s.links GROUP BY s.key) AS x),
                'timeline', (SELECT coalesce(jsonb_agg(e.item ORDER BY e.at, e.item->>'event'), '[]') FROM (
                                 SELECT m.joined_at AS at, jsonb_strip_nulls(jsonb_build_object('at', m.joined_at, 'event', 'referral joined',
                                        'crime_type', m.crime_type, 'reference', CASE WHEN m.tasking_id IS NOT NULL THEN m.reference END)) AS item
                                 FROM members m WHERE m.shown
                                 UNION ALL
                                 SELECT m.tasked_at, jsonb_build_object('at', m.tasked_at, 'event', 'tasked to you', 'reference', m.reference,
                                        'priority', m.priority)
                                 FROM members m WHERE m.tasking_id IS NOT NULL) AS e))
            FROM target t
            WHERE EXISTS (SELECT 1 FROM members m WHERE m.tasking_id IS NOT NULL)
        $fn$;
        REVOKE ALL ON FUNCTION occ_network_view(bigint) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_network_view(bigint) TO occ_agency_api;
        -- Networks and keys name no organisation (like indicators); members and partners do.
        ALTER TABLE network_members ENABLE ROW LEVEL SECURITY;
        ALTER TABLE network_partners ENABLE ROW LEVEL SECURITY;
        ALTER TABLE indicator_partners ENABLE ROW LEVEL SECURITY;
        CREATE POLICY network_members_exchange ON network_members FOR ALL TO occ_enrichment, occ_tasking, occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY network_partners_exchange ON network_partners FOR ALL TO occ_enrichment, occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY indicator_partners_exchange ON indicator_partners FOR ALL TO occ_enrichment, occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        GRANT SELECT ON warninglist_entries TO occ_enrichment;
        GRANT SELECT, INSERT, DELETE ON warninglist_entries TO occ_operator;
        GRANT SELECT, INSERT, UPDATE ON networks, network_members, network_keys TO occ_enrichment;
        GRANT SELECT, INSERT, DELETE ON network_partners TO occ_enrichment;
        GRANT SELECT, INSERT ON indicator_partners TO occ_enrichment;
        GRANT SELECT ON networks, network_members TO occ_tasking;
        GRANT SELECT ON networks, network_members, network_keys, network_partners, indicator_partners TO occ_operator;

        -- Triage fit for harm: regions, forces and postcode areas, dated currency rates, the
        -- nine ROCUs as agencies and the rules that use them. All data: correct it with SQL.
        INSERT INTO agencies (code, name) VALUES
            ('ROCU_NORTH_EAST', 'Regional Organised Crime Unit — North East (NERSOU)'),
            ('ROCU_NORTH_WEST', 'Regional Organised Crime Unit — North West (TITAN)'),
            ('ROCU_YORKSHIRE_HUMBER', 'Regional Organised Crime Unit — Yorkshire and the Humber'),
            ('ROCU_EAST_MIDLANDS', 'Regional Organised Crime Unit — East Midlands (EMSOU)'),
            ('ROCU_WEST_MIDLANDS', 'Regional Organised Crime Unit — West Midlands'),
            ('ROCU_EASTERN', 'Regional Organised Crime Unit — Eastern (ERSOU)'),
            ('ROCU_SOUTH_EAST', 'Regional Organised Crime Unit — South East (SEROCU)'),
            ('ROCU_SOUTH_WEST', 'Regional Organised Crime Unit — South West (Zephyr)'),
            ('ROCU_WALES', 'Regional Organised Crime Unit — Wales (TARIAN)');
        CREATE TABLE rocu_regions (
            code text PRIMARY KEY CHECK (code ~ '^[a-z-]{2,40}$'),
            name text NOT NULL,
            team text NOT NULL REFERENCES agencies (code)
        );
        INSERT INTO rocu_regions (code, name, team) VALUES
            ('north-east', 'North East', 'ROCU_NORTH_EAST'), ('north-west', 'North West', 'ROCU_NORTH_WEST'),
            ('yorkshire-humber', 'Yorkshire and the Humber', 'ROCU_YORKSHIRE_HUMBER'),
            ('east-midlands', 'East Midlands', 'ROCU_EAST_MIDLANDS'), ('west-midlands', 'West Midlands', 'ROCU_WEST_MIDLANDS'),
            ('eastern', 'Eastern', 'ROCU_EASTERN'), ('south-east', 'South East', 'ROCU_SOUTH_EAST'),
            ('south-west', 'South West', 'ROCU_SOUTH_WEST'), ('wales', 'Wales', 'ROCU_WALES');
        -- London's forces belong to no ROCU region [check].
        CREATE TABLE police_forces (
            code text PRIMARY KEY CHECK (code ~ '^[A-Z_]{2,40}$'),
            name text NOT NULL,
            rocu_region text REFERENCES rocu_regions (code)
        );
        INSERT INTO police_forces (code, name, rocu_region) VALUES
            ('CHESHIRE', 'Cheshire Constabulary', 'north-west'), ('CUMBRIA', 'Cumbria Constabulary', 'north-west'),
            ('GMP', 'Greater Manchester Police', 'north-west'), ('LANCASHIRE', 'Lancashire Constabulary', 'north-west'),
            ('MERSEYSIDE', 'Merseyside Police', 'north-west'), ('NORTHUMBRIA', 'Northumbria Police', 'north-east'),
            ('WEST_YORKSHIRE', 'West Yorkshire Police', 'yorkshire-humber'),
            ('NOTTINGHAMSHIRE', 'Nottinghamshire Police', 'east-midlands'),
            ('WEST_MIDLANDS', 'West Midlands Police', 'west-midlands'), ('CAMBRIDGESHIRE', 'Cambridgeshire Constabulary', 'eastern'),
            ('THAMES_VALLEY', 'Thames Valley Police', 'south-east'), ('AVON_SOMERSET', 'Avon and Somerset Police', 'south-west'),
            ('SOUTH_WALES', 'South Wales Police', 'wales'), ('MET', 'Metropolitan Police Service', NULL);
        -- A postcode area is given the force covering most of it; areas crossing a boundary
        -- (SK, WA, CH, LA) are approximate [check]. Unlisted areas resolve to no force.
        CREATE TABLE postcode_areas (
            area text PRIMARY KEY CHECK (area ~ '^[A-Z]{1,2}$'),
            police_force text NOT NULL REFERENCES police_forces (code)
        );
        INSERT INTO postcode_areas (area, police_force) VALUES
            ('M', 'GMP'), ('BL', 'GMP'), ('OL', 'GMP'), ('WN', 'GMP'), ('SK', 'GMP'), ('L', 'MERSEYSIDE'),
            ('WA', 'CHESHIRE'), ('CH', 'CHESHIRE'), ('CW', 'CHESHIRE'), ('PR', 'LANCASHIRE'), ('BB', 'LANCASHIRE'),
            ('FY', 'LANCASHIRE'), ('LA', 'LANCASHIRE'), ('CA', 'CUMBRIA'), ('NE', 'NORTHUMBRIA'), ('LS', 'WEST_YORKSHIRE'),
            ('BD', 'WEST_YORKSHIRE'), ('NG', 'NOTTINGHAMSHIRE'), ('B', 'WEST_MIDLANDS'), ('CB', 'CAMBRIDGESHIRE'),
            ('OX', 'THAMES_VALLEY'), ('BS', 'AVON_SOMERSET'), ('CF', 'SOUTH_WALES'), ('E', 'MET'), ('EC', 'MET'),
            ('N', 'MET'), ('NW', 'MET'), ('SE', 'MET'), ('SW', 'MET'), ('W', 'MET'), ('WC', 'MET');
        -- GBP per unit of a currency from a date on; a loss is converted at the latest rate on
        -- or before its date. Seeded with illustrative rates only [check]: load real ones.
        CREATE TABLE currency_rates (
            currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
            rate_date date NOT NULL,
            gbp_per_unit numeric(20, 10) NOT NULL CHECK (gbp_per_unit > 0),
            PRIMARY KEY (currency, rate_date)
        );
        INSERT INTO currency_rates (currency, rate_date, gbp_per_unit) VALUES
            ('USD', '2026-01-01', 0.79), ('EUR', '2026-01-01', 0.85);
        ALTER TABLE referral_scores
            ADD COLUMN sector text,
            ADD COLUMN loss_gbp numeric(24, 4),
            ADD COLUMN gbp_per_unit numeric(20, 10),
            ADD COLUMN police_force text,
            ADD COLUMN rocu_region text;
        INSERT INTO routing_rules (id, position, rule) VALUES
            ('threat-to-life-fraud', 1, '{"id": "threat-to-life-fraud", "description": "Fraud where a life is at risk goes to the CoLP Fraud Targeting Cell as P1", "enabled": true, "match": {"crime_families": ["fraud"], "threat_to_life": true}, "route": {"team": "COLP_FTC", "priority": "P1", "sla_hours": 1}}'),
            ('threat-to-life-cyber', 2, '{"id": "threat-to-life-cyber", "description": "Cyber incidents where a life is at risk go to NCA TICAT as P1", "enabled": true, "match": {"crime_families": ["cyber"], "threat_to_life": true}, "route": {"team": "NCA_TICAT", "priority": "P1", "sla_hours": 1}}'),
            ('cyber-ticat-major-loss', 5, '{"id": "cyber-ticat-major-loss", "description": "Cyber incidents with a loss of £1m or more go to NCA TICAT as P1", "enabled": true, "match": {"crime_families": ["cyber"], "minimum_loss_gbp": 1000000}, "route": {"team": "NCA_TICAT", "priority": "P1", "sla_hours": 4}}'),
            ('fraud-ftc-major-loss-vulnerable', 6, '{"id": "fraud-ftc-major-loss-vulnerable", "description": "Fraud against a vulnerable victim with a loss of £100k or more goes to the Fraud Targeting Cell as P1", "enabled": true, "match": {"crime_families": ["fraud"], "minimum_loss_gbp": 100000, "vulnerable": true}, "route": {"team": "COLP_FTC", "priority": "P1", "sla_hours": 24}}'),
            ('rocu-north-east', 100, '{"id": "rocu-north-east", "description": "Referrals with a victim in the North East go to its Regional Organised Crime Unit", "enabled": true, "match": {"rocu_regions": ["north-east"]}, "route": {"team": "ROCU_NORTH_EAST", "priority": "P3", "sla_hours": 168}}'),
            ('rocu-north-west', 101, '{"id": "rocu-north-west", "description": "Referrals with a victim in the North West go to its Regional Organised Crime Unit", "enabled": true, "match": {"rocu_regions": ["north-west"]}, "route": {"team": "ROCU_NORTH_WEST", "priority": "P3", "sla_hours": 168}}'),
            ('rocu-yorkshire-humber', 102, '{"id": "rocu-yorkshire-humber", "description": "Referrals with a victim in the Yorkshire and the Humber go to its Regional Organised Crime Unit", "enabled": true, "match": {"rocu_regions": ["yorkshire-humber"]}, "route": {"team": "ROCU_YORKSHIRE_HUMBER", "priority": "P3", "sla_hours": 168}}'),
            ('rocu-east-midlands', 103, '{"id": "rocu-east-midlands", "description": "Referrals with a victim in the East Midlands go to its Regional Organised Crime Unit", "enabled": true, "match": {"rocu_regions": ["east-midlands"]}, "route": {"team": "ROCU_EAST_MIDLANDS", "priority": "P3", "sla_hours": 168}}'),
            ('rocu-west-midlands', 104, '{"id": "rocu-west-midlands", "description": "Referrals with a victim in the West Midlands go to its Regional Organised Crime Unit", "enabled": true, "match": {"rocu_regions": ["west-midlands"]}, "route": {"team": "ROCU_WEST_MIDLANDS", "priority": "P3", "sla_hours": 168}}'),
            ('rocu-eastern', 105, '{"id": "rocu-eastern", "description": "Referrals with a victim in the Eastern go to its Regional Organised Crime Unit", "enabled": true, "match": {"rocu_regions": ["eastern"]}, "route": {"team": "ROCU_EASTERN", "priority": "P3", "sla_hours": 168}}'),
            ('rocu-south-east', 106, '{"id": "rocu-south-east", "description": "Referrals with a victim in the South East go to its Regional Organised Crime Unit", "enabled": true, "match": {"rocu_regions": ["south-east"]}, "route": {"team": "ROCU_SOUTH_EAST", "priority": "P3", "sla_hours": 168}}'),
            ('rocu-south-west', 107, '{"id": "rocu-south-west", "description": "Referrals with a victim in the South West go to its Regional Organised Crime Unit", "enabled": true, "match": {"rocu_regions": ["south-west"]}, "route": {"team": "ROCU_SOUTH_WEST", "priority": "P3", "sla_hours": 168}}'),
            ('rocu-wales', 108, '{"id": "rocu-wales", "description": "Referrals with a victim in the Wales go to its Regional Organised Crime Unit", "enabled": true, "match": {"rocu_regions": ["wales"]}, "route": {"team": "ROCU_WALES", "priority": "P3", "sla_hours": 168}}');
        GRANT SELECT ON rocu_regions, police_forces, postcode_areas, currency_rates TO occ_enrichment;
        GRANT SELECT, INSERT, UPDATE, DELETE ON rocu_regions, police_forces, postcode_areas, currency_rates TO occ_operator;
        GRANT SELECT (priority, status, sla_deadline, rule_ids), UPDATE (priority, sla_deadline, rule_ids) ON taskings TO occ_tasking;
        CREATE POLICY taskings_worker_raise ON taskings FOR UPDATE TO occ_tasking
            USING ((SELECT occ_login_kind()) = 'exchange' AND agency_code = (SELECT occ_agency_scope()))
            WITH CHECK ((SELECT occ_login_kind()) = 'exchange' AND agency_code = (SELECT occ_agency_scope()));
        """
}
