import Foundation
import Postgres
import Schema
import TestSupport
import Testing

/// Identity from the login: a login bound to one organisation sees and changes only that
/// organisation's rows, whatever it sets, and reads no secrets.
@Suite("Schema: logins bound to an organisation", .serialized)
struct LoginBindingTests {
    @Test("the NCA tasking-API login counts only referrals tasked to the NCA, also after setting occ.agency_code to COLP_FTC")
    func agencyLogin() async throws {
        try await PipelineHarness.with { harness in
            _ = try await Scenario.run(harness)
            let nca = try await harness.database.login(.taskingAPI, boundTo: .agency(code: "NCA_TICAT"))
            let tasked = try await harness.count("SELECT count(DISTINCT referral_id) FROM taskings WHERE agency_code = 'NCA_TICAT'")
            #expect(tasked == 1)
            #expect(try await harness.count("SELECT count(*) FROM referrals") == 4)
            try await LoginSession.with(nca) { session async throws in
                #expect(try await session.count("SELECT count(*) FROM referrals") == tasked)
                try await session.set("occ.agency_code", "COLP_FTC")
                #expect(try await session.count("SELECT count(*) FROM referrals") == tasked)
                #expect(try await session.count("SELECT count(*) FROM referral_scores") == tasked)
                #expect(try await session.texts("SELECT DISTINCT agency_code FROM taskings") == ["NCA_TICAT"])
                #expect(try await session.affected("UPDATE taskings SET status = 'accepted' WHERE agency_code = 'COLP_FTC'") == 0)
                #expect(try await session.texts("SELECT DISTINCT coalesce(agency_code, 'none') FROM api_keys").allSatisfy { $0 == "NCA_TICAT" })
                #expect(await session.failure("SELECT secret FROM webhook_secrets") == .insufficientPrivilege)
                #expect(await session.failure("SELECT secret_hash FROM api_keys") == .insufficientPrivilege)
                #expect(await session.failure("DELETE FROM occ_jobs") == .insufficientPrivilege)
                #expect(await session.failure("SELECT count(*) FROM feedback_items") == .insufficientPrivilege)
            }
        }
    }

    @Test("a partner-bound intake login sees only its partner's referrals, also after setting occ.partner_id, and writes no one else's")
    func partnerLogin() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let telco = try await harness.database.login(.intake, boundTo: .partner(id: scenario.telco.id))
            try await LoginSession.with(telco) { session async throws in
                #expect(try await session.count("SELECT count(*) FROM referrals") == 1)
                try await session.set("occ.partner_id", String(scenario.bank.id))
                #expect(try await session.count("SELECT count(*) FROM referrals") == 1)
                #expect(try await session.count("SELECT count(*) FROM referrals WHERE partner_id = $1", scenario.telco.id) == 1)
                #expect(try await session.count("SELECT count(*) FROM api_keys WHERE partner_id IS DISTINCT FROM $1", scenario.telco.id) == 0)
                #expect(try await session.count("SELECT count(*) FROM occ_jobs") == 0)
                #expect(await session.failure("""
                    INSERT INTO referral_indicators (referral_id, position, partner_id, kind, value, canonical_value, correlation_key)
                    VALUES ('\(scenario.bankReferral.uuidString)', 99, \(scenario.bank.id), 'phone', 'x', 'x', 'x')
                    """) == .insufficientPrivilege)
                // An enrichment job for another partner's referral is refused too.
                #expect(await session.failure("""
                    INSERT INTO occ_jobs (queue, kind, args) VALUES ('enrichment', 'enrich_referral', '{"referral_id": "\(scenario.bankReferral.uuidString)"}')
                    """) == .insufficientPrivilege)
                #expect(await session.failure("SELECT secret FROM webhook_secrets") == .insufficientPrivilege)
                #expect(await session.failure("SELECT secret_hash FROM api_keys") == .insufficientPrivilege)
                #expect(await session.failure("DELETE FROM occ_jobs") == .insufficientPrivilege)
            }
        }
    }

    @Test("only the feedback login, which signs deliveries, reads webhook secrets; no login reads API key hashes", arguments: ServiceLogin.allCases)
    func noSecrets(service: ServiceLogin) async throws {
        let database = try await TestDatabase.create()
        try await LoginSession.with(database.conninfo(as: service)) { session async throws in
            #expect(await session.failure("SELECT secret FROM webhook_secrets") == (service == .feedback ? nil : .insufficientPrivilege))
            #expect(await session.failure("SELECT secret_hash FROM api_keys") == .insufficientPrivilege)
            #expect(await session.failure("SELECT * FROM occ_login_bindings") == (service == .operator ? nil : .insufficientPrivilege))
            #expect(await session.failure("INSERT INTO occ_login_bindings (login, kind) VALUES (session_user, 'exchange')") == .insufficientPrivilege)
        }
    }

    @Test("a worker login moves and deletes only its own queue's jobs, and enqueues only for the next stage")
    func perQueue() async throws {
        let database = try await TestDatabase.create()
        let admin = try await database.connect()
        try await admin.execute("""
            INSERT INTO occ_jobs (queue, kind, args, state, run_at)
            SELECT q, 'probe', '{}', 'scheduled', now() + interval '1 day' FROM unnest(ARRAY['enrichment', 'tasking', 'feedback']) AS q
            """, name: "test_jobs_per_queue")
        try await LoginSession.with(database.conninfo(as: .enrichment)) { session async throws in
            #expect(try await session.affected("UPDATE occ_jobs SET priority = 1") == 1)
            #expect(try await session.affected("DELETE FROM occ_jobs") == 1)
            #expect(await session.failure("INSERT INTO occ_jobs (queue, kind, args) VALUES ('feedback', 'probe', '{}')") == .insufficientPrivilege)
            #expect(await session.failure("INSERT INTO occ_jobs (queue, kind, args) VALUES ('tasking', 'probe', '{}')") == nil)
        }
        try await LoginSession.with(database.conninfo(as: .feedback)) { session async throws in
            #expect(try await session.affected("DELETE FROM occ_jobs WHERE queue = 'tasking'") == 0)
            #expect(try await session.affected("DELETE FROM occ_job_history") == 0)
        }
        let left = try await admin.query(PostgresQuery("test_jobs_left", "SELECT string_agg(queue, ',' ORDER BY queue) FROM occ_jobs"))
        #expect(try left.single?.decode(String.self, at: 0) == "feedback,tasking,tasking")
        await admin.close()
    }

    @Test("a bound login given a multi-tenant role by mistake, and an unbound login, see nothing whatever they set")
    func misconfiguredLogins() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let admin = try await harness.database.connect()
            let bound = "occ_\(harness.database.name)_misbound", unbound = "occ_\(harness.database.name)_unbound"
            // Names are built from the database's name (digits and underscores) and constants.
            try await admin.execute("""
                CREATE ROLE \(bound) LOGIN IN ROLE occ_tasking, occ_enrichment;
                CREATE ROLE \(unbound) LOGIN IN ROLE occ_intake, occ_agency_api;
                INSERT INTO occ_login_bindings (login, kind, agency_code) VALUES ('\(bound)', 'agency', 'NCA_TICAT');
                """, name: "test_misconfigured_logins")
            await admin.close()
            for login in [bound, unbound] {
                try await LoginSession.with(harness.database.cluster.conninfo(database: harness.database.name, user: login)) { session async throws in
                    try await session.set("occ.partner_id", String(scenario.telco.id))
                    try await session.set("occ.agency_code", "NCA_TICAT")
                    #expect(try await session.count("SELECT count(*) FROM referrals") == 0)
                    #expect(try await session.count("SELECT count(*) FROM taskings") == 0)
                    #expect(try await session.count("SELECT count(*) FROM occ_jobs") == 0)
                }
            }
        }
    }
}
