/// The transaction intake commits for one referral, as a pgbench script: what PostgreSQL itself
/// sustains for the same writes (partner scope, referral, two indicators, enrichment job, audit row
/// through audit_append, chained later), one referral per transaction, from a C client.
///
/// The script is built from constants of this benchmark only (the partner id is ours, the JSON a
/// fixed literal); per-transaction values are pgbench variables, bound as parameters.
enum IntakeTransactionScript {
    static func script(partnerID: Int64, referralJSON: String) -> String {
        // pgbench reads `:name` as a variable: a space after each member's colon keeps JSON literal.
        let json = referralJSON.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\":", with: "\": ")
        return """
            \\set n random(1, 2000000000)
            BEGIN;
            SELECT set_config('occ.partner_id', '\(partnerID)', true);
            INSERT INTO referrals (id, partner_id, partner_reference, fingerprint, crime_type, summary, victim_count, victims_vulnerable, loss_amount, loss_currency, overseas, gateway, tlp, source_eval, intel_assessment, handling_code, channel, trace_id, canonical, raw) VALUES (gen_random_uuid(), \(partnerID), 'PGB-' || :client_id || '-' || :n || '-' || clock_timestamp(), repeat('a', 64), 'fraud.app_impersonation', 'Bank impersonation call', 1, true, 2500.00, 'GBP', false, 'eccta_2023_ss188_189', 'AMBER', 2, 'B', 'P', 'json', 'pgbench', '\(json)'::jsonb, '\(json)'::jsonb) RETURNING id \\gset ref_
            INSERT INTO referral_indicators (referral_id, position, partner_id, kind, value, canonical_value, correlation_key, aliases) VALUES (:ref_id::uuid, 0, \(partnerID), 'phone', '+447700900123', '+447700900123', 'phone:+447700900123', '{}'), (:ref_id::uuid, 1, \(partnerID), 'uk_bank_account', '12-34-56 12345678', '123456-12345678', 'ukacct:123456-12345678', '{}');
            INSERT INTO occ_jobs (queue, kind, args, metadata, state, priority, run_at, max_attempts) VALUES ('enrichment', 'enrich_referral', jsonb_build_object('referral_id', :ref_id::text), '{}', 'available', 2, now(), 25);
            SELECT audit_append(ARRAY[now()], ARRAY['partner:\(partnerID)'], ARRAY['referral.received'], ARRAY['referral'], ARRAY[:ref_id::text], ARRAY['pgbench'], ARRAY['{"pgbench": true}']);
            COMMIT;

            """
    }
}
