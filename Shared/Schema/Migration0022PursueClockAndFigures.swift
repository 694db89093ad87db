/// The SLA clock-stop wired to RFIs: a tasking's clock stops when an officer asks the referrer a
/// question (`occ_tasking_sla_pause`, already the agency API's) and starts again when the last
/// open RFI on the tasking is answered, in the partner's answering transaction.
///
/// The feedback login answers for the partner in scope; it gets no right over taskings. Granting
/// it `occ_tasking_sla_resume` would let it restart any tasking's clock (and that function checks
/// the agency scope, which a partner session has none of). Instead `occ_rfi_answered_resume`
/// takes only an RFI id and acts only when that RFI is the calling partner's and answered, and
/// no RFI on its tasking is still open: the one thing a partner's answer may cause.
///
/// The benefits report counts requests to partners by partner, crime type and agency as well as
/// by sector: `occ_request_facts` also returns the names of the partners a request was addressed
/// to and of the one that completed it, the crime type of its referral and the agency raising it.
enum Migration0022PursueClockAndFigures {
    static let sql = """
        -- Resumes the SLA clock of the tasking of RFI p_rfi at the RFI's answer time, when the RFI
        -- is the partner in scope's, answered, and the last open one on its tasking. The tasking
        -- row is locked before the open RFIs are counted, and each statement of this VOLATILE
        -- function reads a fresh snapshot: of two answers committing together the second sees the
        -- first, and an RFI asked meanwhile (whose pause also locks the row) is seen or pauses after.
        -- Returns one row when the clock restarted: the time added and the new effective deadline.
        CREATE FUNCTION occ_rfi_answered_resume(p_rfi bigint)
            RETURNS TABLE (tasking_id uuid, agency_code text, paused_seconds float8, due_at timestamptz)
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $fn$
        #variable_conflict use_column
        DECLARE
            answered record;
        BEGIN
            SELECT f.tasking_id, f.answered_at INTO answered FROM partner_rfis f
            WHERE f.id = p_rfi AND f.partner_id = (SELECT occ_partner_scope()) AND f.status = 'answered';
            IF NOT FOUND THEN RETURN; END IF;
            PERFORM 1 FROM taskings t WHERE t.id = answered.tasking_id FOR UPDATE;
            IF EXISTS (SELECT 1 FROM partner_rfis f WHERE f.tasking_id = answered.tasking_id AND f.status = 'open') THEN
                RETURN;
            END IF;
            RETURN QUERY
                WITH before AS (
                    SELECT t.id, greatest(answered.answered_at - t.sla_paused_since, interval '0') AS waited
                    FROM taskings t WHERE t.id = answered.tasking_id AND t.sla_paused_since IS NOT NULL
                )
                UPDATE taskings t SET sla_paused_total = t.sla_paused_total + b.waited, sla_paused_since = NULL
                FROM before b WHERE t.id = b.id
                RETURNING t.id, t.agency_code, extract(epoch FROM b.waited)::float8, t.sla_deadline + t.sla_paused_total;
        END
        $fn$;
        REVOKE ALL ON FUNCTION occ_rfi_answered_resume(bigint) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_rfi_answered_resume(bigint) TO occ_feedback;

        -- One row per request raised in [$1, $2) (NULL: open-ended) for the benefits report. No
        -- content: sectors and names of the partners addressed and of the one that completed it.
        DROP FUNCTION occ_request_facts(timestamptz, timestamptz);
        CREATE FUNCTION occ_request_facts(period_from timestamptz, period_to timestamptz)
            RETURNS TABLE (request_id bigint, addressed_sectors text[], completed_sector text, status text,
                           raised_at timestamptz, deadline timestamptz, completed_at timestamptz,
                           addressed_partners text[], completed_partner text, crime_type text, agency_code text)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT r.id,
                       ARRAY(SELECT DISTINCT p.sector FROM public.partner_request_recipients x
                             JOIN public.partners p ON p.id = x.partner_id WHERE x.request_id = r.id ORDER BY 1),
                       CASE WHEN r.status = 'completed' THEN (SELECT p.sector FROM public.partners p WHERE p.id = r.acted_by) END,
                       r.status, r.raised_at, r.deadline, r.completed_at,
                       ARRAY(SELECT DISTINCT p.name FROM public.partner_request_recipients x
                             JOIN public.partners p ON p.id = x.partner_id WHERE x.request_id = r.id ORDER BY 1),
                       CASE WHEN r.status = 'completed' THEN (SELECT p.name FROM public.partners p WHERE p.id = r.acted_by) END,
                       f.crime_type, r.agency_code
                FROM public.partner_requests r JOIN public.taskings t ON t.id = r.tasking_id JOIN public.referrals f ON f.id = t.referral_id
                WHERE ($1 IS NULL OR r.raised_at >= $1) AND ($2 IS NULL OR r.raised_at < $2)
                ORDER BY r.id
            $$;
        REVOKE ALL ON FUNCTION occ_request_facts(timestamptz, timestamptz) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_request_facts(timestamptz, timestamptz) TO occ_feedback, occ_operator;
        """
}
