import Domain
import Foundation
import Testing

extension PursueTests {
    @Suite("Tasking: an outcome's money, disruption severity, suspects and OCG are columns of their own", .serialized)
    struct OutcomeFiguresTests {
        @Test("disrupted with money and severity, then charged with its Home Office code: each stored in its columns; bad figures are a 422 naming each")
        func figuresStored() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let ftc = try await harness.officer("COLP_FTC")
                let tasking = try #require(try await harness.taskingID(agency: ftc.token, referral: scenario.bankReferral))
                let bad = try await harness.call(
                    harness.tasking.router, .post, "/v1/taskings/\(tasking)/outcome", token: ftc.token,
                    body: #"{"kind": "charged", "home_office_code": 1, "disruption_severity": "major", "suspects": -1, "ocg_reference": "OCG 14", "money_repatriated": {"amount": "1.001", "currency": "GBP"}}"#,
                    purpose: "recording")
                #expect(bad.status == 422)
                #expect(Set(bad.json["errors"]?.strings("field") ?? []) == ["disruption_severity", "suspects", "ocg_reference", "money_repatriated.amount"])
                // The table and the Domain agree on the severities; every priority has a warning threshold.
                let severities = try await harness.pool.query(.init("test_severities", "SELECT code FROM disruption_severities ORDER BY rank"))
                #expect(try severities.map { try $0.decode(String.self, "code") } == DisruptionSeverity.allCases.map(\.rawValue))
                #expect(try await harness.count("SELECT count(*) FROM sla_policies") == Priority.allCases.count)
                let severityless = try await harness.call(
                    harness.tasking.router, .post, "/v1/taskings/\(tasking)/outcome", token: ftc.token,
                    body: #"{"kind": "disrupted", "disruption_severity": "huge"}"#, purpose: "recording")
                #expect(severityless.status == 422 && severityless.json["errors"]?.strings("field") == ["disruption_severity"])
                #expect(try await harness.count("SELECT count(*) FROM outcomes WHERE tasking_id = $1::uuid", tasking) == 0)

                let disrupted = try await harness.recordOutcome(agency: ftc.token, tasking: tasking, """
                    {"kind": "disrupted", "disruption_severity": "major", "ocg_reference": "OCG/2026/014",
                     "disruptions": [{"kind": "freeze_account", "indicator_key": "uk_bank_account:60-16-13 31926819"}],
                     "money_protected": {"amount": "5000", "currency": "GBP"},
                     "assets_restrained": {"amount": "1200.50", "currency": "EUR"},
                     "money_repatriated": {"amount": "300", "currency": "GBP"}}
                    """)
                #expect(disrupted.status == 201)
                let charged = try await harness.recordOutcome(
                    agency: ftc.token, tasking: tasking, #"{"kind": "charged", "home_office_code": 1, "suspects": 2, "ocg_reference": "OCG/2026/014"}"#)
                #expect(charged.status == 201 && charged.json["outcome"]?["suspects"]?.intValue == 2)
                let stored = try await harness.pool.query(.init("test_outcome_columns", """
                    SELECT kind || '|' || coalesce(home_office_code::text, '') || '|' || coalesce(money_protected::text || ' ' || money_protected_currency, '')
                           || '|' || coalesce(money_restrained::text || ' ' || money_restrained_currency, '')
                           || '|' || coalesce(money_repatriated::text || ' ' || money_repatriated_currency, '')
                           || '|' || coalesce(disruption_severity, '') || '|' || coalesce(suspects::text, '') || '|' || coalesce(ocg_reference, '') AS line
                    FROM outcomes WHERE tasking_id = $1::uuid ORDER BY id
                    """, [tasking])).map { try $0.decode(String.self, "line") }
                #expect(stored == [
                    "disrupted||5000.0000 GBP|1200.5000 EUR|300.0000 GBP|major||OCG/2026/014",
                    "charged|1|||||2|OCG/2026/014",
                ])
                #expect(try await harness.text("SELECT status FROM taskings WHERE id = $1::uuid", tasking) == "accepted")
                // Suspects and the OCG reference are the agency's: no partner's feedback carries them.
                let feedback = try await harness.feedbackItems(scenario.bank).text
                #expect(feedback.contains("charged") && !feedback.contains("OCG/2026/014") && !feedback.contains("suspects"))
            }
        }
    }
}
