import Domain
import Foundation
import Postgres
import Testing

@Suite("Tasking: triage fit for harm", .serialized)
struct TriageTests {
    /// Fraud cites a gateway its sector may invoke that lets fraud teams be tasked (docs/gateways.md);
    /// CCA 2013 s.7 permits only NCA teams.
    private static func referral(_ reference: String, crimeType: String, extra: String, indicators: String, gateway: String = "cca_2013_s7") -> String {
        """
        {"partner_reference": "\(reference)", "crime_type": "\(crimeType)", "summary": "Triage case", \(extra),
         "time_window": {"first_seen": "2026-03-09T08:00:00Z", "last_seen": "2026-03-10T18:00:00Z"},
         "indicators": [\(indicators)], "gateway": "\(gateway)",
         "markings": {"tlp": "AMBER", "source_evaluation": 2, "intelligence_assessment": "B", "handling_code": "P"}}
        """
    }

    private static let tasked = "SELECT string_agg(agency_code || ' ' || priority, ',' ORDER BY priority, agency_code) FROM taskings WHERE referral_id = $1"

    @Test("a single-partner ransomware referral with a £5m loss and a vulnerable victim routes P1 to NCA TICAT")
    func majorRansomware() async throws {
        try await PipelineHarness.with { harness in
            let cyber = try await harness.partner("Cyber Firm", .cyber)
            let id = try await harness.submit(cyber, Self.referral(
                "RAN-1", crimeType: "cyber.ransomware",
                extra: #""victims": {"count": 1, "vulnerable": true}, "loss": {"amount": "5000000.00", "currency": "GBP"}"#,
                indicators: #"{"kind": "ipv4", "value": "203.0.113.50"}"#))
            #expect(try await harness.waitUntilTasked(id))
            #expect(try await harness.text(Self.tasked, id) == "NCA_TICAT P1")
        }
    }

    @Test("a fraud referral flagged threat-to-life routes P1 to the FTC in its first routing job")
    func threatToLife() async throws {
        try await PipelineHarness.with { harness in
            let telco = try await harness.partner("Telco One", .telco)
            let id = try await harness.submit(telco, Self.referral(
                "TTL-1", crimeType: "fraud.app_romance", extra: #""harm": {"threat_to_life": true}"#,
                indicators: #"{"kind": "phone", "value": "07700 900777"}"#, gateway: "dpa_2018_sch2_para2"))
            #expect(try await harness.waitUntilTasked(id))
            #expect(try await harness.text(Self.tasked, id) == "COLP_FTC P1,REPORT_FRAUD P3")
            #expect(try await harness.waitUntilIdle())
            let audit = "SELECT string_agg(action || ' ' || (event::jsonb->'detail'->>'created'), ';') FROM audit_log WHERE subject_id = $1 AND action IN ('referral.tasked', 'referral.rerouted')"
            #expect(try await harness.text(audit, id.lowercased) == "referral.tasked COLP_FTC P1,REPORT_FRAUD P3")
        }
    }

    @Test("a USD loss scores as its GBP equivalent at the rate held for the loss's date")
    func foreignCurrency() async throws {
        try await PipelineHarness.with { harness in
            _ = try await harness.pool.query(PostgresQuery(
                "test_rate", "INSERT INTO currency_rates (currency, rate_date, gbp_per_unit) VALUES ('USD', '2026-03-01', 0.5), ('USD', '2026-04-01', 2)"))
            let bank = try await harness.partner("High Street Bank", .finance)
            let dollars = try await harness.submit(bank, Self.referral(
                "USD-1", crimeType: "fraud.purchase", extra: #""loss": {"amount": "10000.00", "currency": "USD"}"#,
                indicators: #"{"kind": "phone", "value": "07700 900701"}"#, gateway: "eccta_2023_ss188_189"))
            let pounds = try await harness.submit(bank, Self.referral(
                "GBP-1", crimeType: "fraud.purchase", extra: #""loss": {"amount": "5000.00", "currency": "GBP"}"#,
                indicators: #"{"kind": "phone", "value": "07700 900702"}"#, gateway: "eccta_2023_ss188_189"))
            #expect(try await harness.waitUntilTasked(dollars))
            #expect(try await harness.waitUntilTasked(pounds))
            let loss = "SELECT (components->>'loss')::text || ' ' || loss_gbp::bigint FROM referral_scores WHERE referral_id = $1"
            let converted = try await harness.text(loss, dollars)
            #expect(converted == (try await harness.text(loss, pounds)))
            #expect(converted?.hasSuffix(" 5000") == true)
        }
    }

    @Test("a referral from a North West postcode routes to that region's ROCU")
    func northWestROCU() async throws {
        try await PipelineHarness.with { harness in
            let tech = try await harness.partner("Tech Platform", .tech)
            let id = try await harness.submit(tech, Self.referral(
                "NW-1", crimeType: "fraud.purchase", extra: #""victims": {"count": 1, "postcode": "M1 1AE"}"#,
                indicators: #"{"kind": "url", "value": "https://shop.example.co.uk/"}"#, gateway: "dpa_2018_sch2_para2"))
            #expect(try await harness.waitUntilTasked(id))
            #expect(try await harness.text(Self.tasked, id) == "REPORT_FRAUD P3,ROCU_NORTH_WEST P3")
            #expect(try await harness.text("SELECT police_force || ' ' || rocu_region FROM referral_scores WHERE referral_id = $1", id)
                == "GMP north-west")
        }
    }
}
