import Domain
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Tasking: routing rules and the agency API", .serialized)
struct RoutingTests {
    @Test("the seeded routing rules are RoutingRule.defaults in order")
    func seededRules() async throws {
        let database = try await TestDatabase.create()
        let pool = database.pool()
        let rows = try await pool.query(PostgresQuery("test_rules", "SELECT rule::text AS rule FROM routing_rules ORDER BY position"))
        let rules = try rows.map { try JSONDecoder().decode(RoutingRule.self, from: Data(try $0.decode(String.self, "rule").utf8)) }
        #expect(rules == RoutingRule.defaults)
        await pool.close()
    }

    @Test("each sector's referral reaches the right agencies with priority and SLA")
    func routing() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let agencies = "SELECT string_agg(agency_code, ',' ORDER BY agency_code) FROM taskings WHERE referral_id = $1"
            // Corroborated by the bank's later referral, the telco's is routed to the FTC too.
            #expect(try await harness.text(agencies, scenario.telcoReferral) == "COLP_FTC,REPORT_FRAUD")
            #expect(try await harness.text(agencies, scenario.bankReferral) == "COLP_FTC,REPORT_FRAUD")
            #expect(try await harness.text(agencies, scenario.techReferral) == "REPORT_FRAUD")
            #expect(try await harness.text(agencies, scenario.cyberReferral) == "NCA_TICAT")
            let terms = """
                SELECT priority || ' ' || extract(epoch FROM sla_deadline - created_at)::bigint / 3600
                FROM taskings WHERE referral_id = $1 AND agency_code = $2
                """
            #expect(try await harness.text(terms, scenario.bankReferral, "COLP_FTC") == "P2 72")
            #expect(try await harness.text(terms, scenario.bankReferral, "REPORT_FRAUD") == "P3 336")
            #expect(try await harness.text(terms, scenario.cyberReferral, "NCA_TICAT") == "P2 24")
        }
    }

    @Test("routing follows the stored rules: a disabled rule stops routing, an added one starts")
    func storedRules() async throws {
        try await PipelineHarness.with { harness in
            let rocu = #"{"id": "fraud-rocu", "description": "Fraud to the ROCU", "match": {"crime_families": ["fraud"]}, "route": {"team": "ROCU", "priority": "P4", "sla_hours": 48}}"#
            _ = try await harness.pool.query(PostgresQuery(
                "test_disable_rule", "UPDATE routing_rules SET rule = jsonb_set(rule, '{enabled}', 'false') WHERE id = 'fraud-report-fraud'"))
            _ = try await harness.pool.query(PostgresQuery(
                "test_add_rule", "INSERT INTO routing_rules (id, position, rule) VALUES ('fraud-rocu', 60, $1::jsonb)", [rocu]))
            let referral = try await harness.submit(try await harness.partner("Tech Platform", .tech), Fixtures.tech)
            #expect(try await harness.waitUntilTasked(referral))
            let terms = "SELECT agency_code || ' ' || priority FROM taskings WHERE referral_id = $1"
            #expect(try await harness.text(terms, referral) == "ROCU P4")
        }
    }

    @Test("an agency lists, accepts and records outcomes only on its own taskings")
    func agencyIsolation() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let router = harness.tasking.router
            let ftc = try await harness.agencyToken("COLP_FTC")
            let ticat = try await harness.agencyToken("NCA_TICAT")
            let reportFraud = try await harness.agencyToken("REPORT_FRAUD")

            let ftcList = try await harness.call(router, .get, "/v1/taskings", token: ftc)
            #expect(ftcList.status == 200)
            #expect(Set(ftcList.json["taskings"]?.strings("referral_id") ?? []) == Set(
                [scenario.bankReferral, scenario.telcoReferral].map { $0.uuidString.lowercased() }))
            let reportFraudList = try await harness.call(router, .get, "/v1/taskings", token: reportFraud)
            #expect(Set(reportFraudList.json["taskings"]?.strings("referral_id") ?? []) == Set(
                [scenario.telcoReferral, scenario.bankReferral, scenario.techReferral].map { $0.uuidString.lowercased() }))
            let ticatList = try await harness.call(router, .get, "/v1/taskings", token: ticat)
            #expect(ticatList.json["taskings"]?.strings("referral_id") == [scenario.cyberReferral.uuidString.lowercased()])

            let ftcTasking = try #require(ftcList.json["taskings"]?.strings("id").first)
            #expect(try await harness.call(router, .post, "/v1/taskings/\(ftcTasking)/accept", token: ticat, purpose: "triage").status == 404)
            let foreignOutcome = try await harness.call(
                router, .post, "/v1/taskings/\(ftcTasking)/outcome", token: ticat, body: #"{"kind": "disrupted"}"#, purpose: "outcome")
            #expect(foreignOutcome.status == 404)
            #expect(try await harness.call(router, .get, "/v1/taskings", token: scenario.bank.token).status == 403)

            let accepted = try await harness.call(router, .post, "/v1/taskings/\(ftcTasking)/accept", token: ftc, purpose: "triage")
            #expect(accepted.status == 200)
            #expect(accepted.json["status"]?.stringValue == "accepted")
            #expect(try await harness.call(router, .post, "/v1/taskings/\(ftcTasking)/accept", token: ftc, purpose: "triage").status == 409)
            #expect(try await harness.count("SELECT count(*) FROM outcomes") == 0)
        }
    }

    @Test("an invalid outcome is a 422 naming each field and records nothing")
    func invalidOutcome() async throws {
        try await PipelineHarness.with { harness in
            _ = try await Scenario.run(harness)
            let ticat = try await harness.agencyToken("NCA_TICAT")
            let list = try await harness.call(harness.tasking.router, .get, "/v1/taskings", token: ticat)
            let tasking = try #require(list.json["taskings"]?.strings("id").first)
            let response = try await harness.call(
                harness.tasking.router, .post, "/v1/taskings/\(tasking)/outcome", token: ticat,
                body: #"{"kind": "charged", "money_protected": {"amount": "12.345", "currency": "GBP"}, "colour": "red"}"#,
                purpose: "recording the outcome")
            #expect(response.status == 422)
            let fields = response.json["errors"]?.strings("field") ?? []
            #expect(fields.contains("home_office_code"))
            #expect(fields.contains("money_protected.amount"))
            #expect(fields.contains("colour"))
            #expect(try await harness.count("SELECT count(*) FROM outcomes") == 0)
            #expect(try await harness.count("SELECT count(*) FROM occ_jobs WHERE kind = 'deliver_feedback'") == 0)
        }
    }
}
