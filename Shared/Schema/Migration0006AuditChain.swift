/// The audit log as a record the services cannot forge and that costs a request no lock.
///
/// Services no longer write `audit_log`: they call `audit_append`, a SECURITY DEFINER function
/// owned by the NOLOGIN role `occ_audit_owner`, which inserts the caller's claims (actor, action,
/// subject, trace id, the event's canonical text, the claimed time) while a trigger records, in
/// columns of their own, the login (`session_user`) and the server's clock. Rows enter unchained.
/// `audit_chain(max_rows)`, another definer function any service may call, links pending rows in
/// batches under a try-lock (one leader; the others skip): it gives each its `chain_seq` at
/// chaining time and a hash (SHA-256) over the sequence number, the previous hash, the login, the
/// server time and every claim. A row changes only to be chained, once.
/// Rows chained before this migration keep their old rule (SHA-256 of prev_hash || event) and
/// take the first sequence numbers in id order.
enum Migration0006AuditChain {
    static let sql = """
        DO $$
        BEGIN
            CREATE ROLE occ_audit_owner NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            -- Roles are cluster-wide: another database on the server may have created it.
            NULL;
        END
        $$;

        DROP TRIGGER audit_log_no_update_delete ON audit_log;
        ALTER TABLE audit_log
            ALTER COLUMN prev_hash DROP NOT NULL,
            ALTER COLUMN hash DROP NOT NULL,
            ADD COLUMN chain_seq bigint,
            ADD COLUMN login text,
            ADD COLUMN recorded_at timestamptz;
        UPDATE audit_log SET chain_seq = ordered.seq
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM audit_log) ordered
        WHERE audit_log.id = ordered.id;
        ALTER TABLE audit_log
            ADD CONSTRAINT audit_log_chain_seq_key UNIQUE (chain_seq),
            ADD CONSTRAINT audit_log_chain_seq_positive CHECK (chain_seq > 0),
            ADD CONSTRAINT audit_log_chained_whole CHECK ((chain_seq IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL)),
            -- Rows from before this migration recorded neither; every later row records both.
            ADD CONSTRAINT audit_log_recorded CHECK ((login IS NULL) = (recorded_at IS NULL) AND (login IS NOT NULL OR chain_seq IS NOT NULL));
        CREATE INDEX audit_log_pending ON audit_log (id) WHERE chain_seq IS NULL;

        -- Whoever inserts, by whatever path: the server's account of who and when, and no chain yet.
        CREATE FUNCTION audit_log_record() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF NEW.chain_seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
                RAISE EXCEPTION 'audit rows enter unchained: audit_chain() links them' USING ERRCODE = 'insufficient_privilege';
            END IF;
            NEW.login := session_user;
            NEW.recorded_at := clock_timestamp();
            RETURN NEW;
        END
        $fn$;
        CREATE TRIGGER audit_log_record BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_record();

        -- The one change a row ever takes: its place in the chain, once, and nothing else.
        CREATE FUNCTION audit_log_chain_once() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            -- Whole rows, so a column added later is covered without changing this function.
            before_row audit_log := OLD;
            after_row audit_log := NEW;
        BEGIN
            before_row.chain_seq := NULL; before_row.prev_hash := NULL; before_row.hash := NULL;
            after_row.chain_seq := NULL; after_row.prev_hash := NULL; after_row.hash := NULL;
            IF OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL AND before_row IS NOT DISTINCT FROM after_row THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'audit_log is append-only: a row is only ever chained, once' USING ERRCODE = 'insufficient_privilege';
        END
        $fn$;
        CREATE TRIGGER audit_log_chain_once BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain_once();
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

        -- The services' only way in: their claims, one array element per event, in order.
        CREATE FUNCTION audit_append(
            occurred_ats timestamptz[], actors text[], actions text[], subject_types text[], subject_ids text[],
            trace_ids text[], events text[]
        ) RETURNS TABLE (appended_id bigint) LANGUAGE plpgsql SECURITY DEFINER AS $fn$
        BEGIN
            IF cardinality(occurred_ats) IS DISTINCT FROM cardinality(events) OR cardinality(actors) IS DISTINCT FROM cardinality(events)
               OR cardinality(actions) IS DISTINCT FROM cardinality(events) OR cardinality(subject_types) IS DISTINCT FROM cardinality(events)
               OR cardinality(subject_ids) IS DISTINCT FROM cardinality(events) OR cardinality(trace_ids) IS DISTINCT FROM cardinality(events) THEN
                RAISE EXCEPTION 'audit_append: every array needs one element per event' USING ERRCODE = 'invalid_parameter_value';
            END IF;
            RETURN QUERY
            WITH appended AS (
                INSERT INTO audit_log (occurred_at, actor, action, subject_type, subject_id, trace_id, event)
                SELECT claim.occurred_at, claim.actor, claim.action, claim.subject_type, claim.subject_id, claim.trace_id, claim.event
                FROM unnest(occurred_ats, actors, actions, subject_types, subject_ids, trace_ids, events) WITH ORDINALITY
                    AS claim (occurred_at, actor, action, subject_type, subject_id, trace_id, event, position)
                ORDER BY claim.position
                RETURNING audit_log.id
            )
            SELECT appended.id FROM appended ORDER BY appended.id;
        END
        $fn$;

        -- Links up to max_rows pending rows, oldest id first, after the chain's head; returns how
        -- many. One leader at a time: a caller that cannot take the lock at once returns 0.
        -- A row's hash is SHA-256 of its payload (AuditLink.payload in Swift computes the same):
        -- 'occ-audit/2', 'seq:N', 'prev:H', then every recorded field and claim as 'name:value',
        -- text prefixed by its length in UTF-8 bytes so no value can pass for another ('-' for
        -- NULL), times as whole microseconds since the epoch; lines joined by a newline.
        CREATE FUNCTION audit_chain(max_rows integer) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER AS $fn$
        DECLARE
            head_seq bigint;
            head_hash text;
            pending record;
            ids bigint[] := '{}';
            seqs bigint[] := '{}';
            prevs text[] := '{}';
            hashes text[] := '{}';
        BEGIN
            IF max_rows IS NULL OR max_rows NOT BETWEEN 1 AND 100000 THEN
                RAISE EXCEPTION 'audit_chain: max_rows must be from 1 to 100000' USING ERRCODE = 'invalid_parameter_value';
            END IF;
            -- Under a snapshot older than the lock, the head read could be stale.
            IF current_setting('transaction_isolation') <> 'read committed' THEN
                RAISE EXCEPTION 'audit_chain runs at READ COMMITTED only' USING ERRCODE = 'invalid_transaction_state';
            END IF;
            IF NOT pg_try_advisory_xact_lock(878871411786) THEN
                RETURN 0;
            END IF;
            SELECT chain_seq, hash INTO head_seq, head_hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
            head_seq := coalesce(head_seq, 0);
            head_hash := coalesce(head_hash, repeat('0', 64));
            -- The fields after seq and prev, built set-wise; the loop only links.
            FOR pending IN
                SELECT id, concat(
                    chr(10) || 'login:' || \(field("login")),
                    chr(10) || 'recorded_at:' || (extract(epoch FROM recorded_at) * 1000000)::bigint,
                    chr(10) || 'occurred_at:' || (extract(epoch FROM occurred_at) * 1000000)::bigint,
                    chr(10) || 'actor:' || \(field("actor")),
                    chr(10) || 'action:' || \(field("action")),
                    chr(10) || 'subject_type:' || \(field("subject_type")),
                    chr(10) || 'subject_id:' || \(field("subject_id")),
                    chr(10) || 'trace_id:' || \(field("trace_id")),
                    chr(10) || 'event:' || \(field("event"))) AS fields
                FROM audit_log WHERE chain_seq IS NULL ORDER BY id LIMIT max_rows
            LOOP
                ids := ids || pending.id;
                prevs := prevs || head_hash;
                head_seq := head_seq + 1;
                seqs := seqs || head_seq;
                head_hash := encode(sha256(convert_to('occ-audit/2' || chr(10) || 'seq:' || head_seq || chr(10) || 'prev:' || head_hash || pending.fields, 'UTF8')), 'hex');
                hashes := hashes || head_hash;
            END LOOP;
            UPDATE audit_log SET chain_seq = link.seq, prev_hash = link.prev, hash = link.hash
            FROM unnest(ids, seqs, prevs, hashes) AS link (id, seq, prev, hash)
            WHERE audit_log.id = link.id;
            RETURN cardinality(ids);
        END
        $fn$;

        -- Definer functions resolve names only in the catalog and this schema (pg_temp last, so
        -- no caller's temporary table can stand in for audit_log).
        DO $$
        BEGIN
            EXECUTE format('ALTER FUNCTION audit_append(timestamptz[], text[], text[], text[], text[], text[], text[]) SET search_path = pg_catalog, %I, pg_temp', current_schema());
            EXECUTE format('ALTER FUNCTION audit_chain(integer) SET search_path = pg_catalog, %I, pg_temp', current_schema());
            -- Handing a function to a role needs membership of it and, for the role, CREATE on the
            -- schema (a superuser needs neither); the role keeps no CREATE afterwards.
            IF NOT pg_has_role(current_user, 'occ_audit_owner', 'MEMBER') THEN
                EXECUTE format('GRANT occ_audit_owner TO %I', current_user);
            END IF;
            EXECUTE format('GRANT CREATE ON SCHEMA %I TO occ_audit_owner', current_schema());
            ALTER FUNCTION audit_append(timestamptz[], text[], text[], text[], text[], text[], text[]) OWNER TO occ_audit_owner;
            ALTER FUNCTION audit_chain(integer) OWNER TO occ_audit_owner;
            EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM occ_audit_owner', current_schema());
        END
        $$;

        -- No role but the table's owner writes audit_log directly: every write grant goes, from
        -- the service groups, PUBLIC and any login a deployment granted it to by hand.
        DO $$
        DECLARE grantee_name text;
        BEGIN
            FOR grantee_name IN
                SELECT DISTINCT CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(acl.grantee)) END
                FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) acl
                WHERE c.oid = 'audit_log'::regclass AND acl.grantee <> c.relowner
                  AND acl.privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
                UNION
                SELECT CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(acl.grantee)) END
                FROM pg_attribute a CROSS JOIN LATERAL aclexplode(a.attacl) acl
                WHERE a.attrelid = 'audit_log'::regclass AND acl.privilege_type IN ('INSERT', 'UPDATE')
            LOOP
                EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log FROM %s', grantee_name);
            END LOOP;
        END
        $$;
        GRANT SELECT, INSERT, UPDATE (chain_seq, prev_hash, hash) ON audit_log TO occ_audit_owner;
        REVOKE ALL ON FUNCTION audit_append(timestamptz[], text[], text[], text[], text[], text[], text[]), audit_chain(integer) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION audit_append(timestamptz[], text[], text[], text[], text[], text[], text[]), audit_chain(integer)
            TO occ_intake, occ_enrichment, occ_tasking, occ_feedback, occ_operator;
        """

    /// A text column as the payload writes it: its length in UTF-8 bytes, a colon and the text; `-`
    /// for NULL. Spelled out, not a SQL function, so the loop pays no call per field.
    private static func field(_ column: String) -> String {
        "CASE WHEN \(column) IS NULL THEN '-' ELSE octet_length(convert_to(\(column), 'UTF8')) || ':' || \(column) END"
    }
}
