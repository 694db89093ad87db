import Domain
import Foundation
import Postgres
import Testing

/// Routing under the lawful-gateway registry: rules choose teams, the gateway withholds those it
/// does not permit, and a referral left with none is flagged for an OCC analyst, audited.
@Suite("Tasking: lawful gateways", .serialized)
struct GatewayRoutingTests {
    static func citing(_ gateway: String, _ json: String) -> String {
        json.replacingOccurrences(of: "eccta_2023_ss188_189", with: gateway)
    }

    static let overseasFraud = Fixtures.referral(
        "TEL-FR", crimeType: "fraud.app_impersonation", summary: "Spoofed bank calls from a French number",
        indicators: #"{"kind": "phone", "value": "+33 6 12 34 56 78"}"#)

    static func audit(_ harness: PipelineHarness, _ referral: UUID) async throws -> [String: String] {
        let rows = try await harness.pool.query(PostgresQuery("test_routing_audit", """
            SELECT action, event::jsonb -> 'detail' AS detail FROM audit_log
            WHERE action IN ('referral.tasked', 'referral.flagged') AND subject_id = $1
            """, [referral.uuidString.lowercased()]))
        guard let row = rows.single else { return [:] }
        var detail = try JSONDecoder().decode([String: String].self, from: Data(try row.decode(String.self, "detail").utf8))
        detail["action"] = try row.decode(String.self, "action")
        return detail
    }

    static func teams(_ harness: PipelineHarness, _ referral: UUID) async throws -> String? {
        try await harness.text("SELECT string_agg(agency_code, ',' ORDER BY agency_code) FROM taskings WHERE referral_id = $1", referral)
    }

    @Test("a CCA 2013 s.7 referral is never tasked only to non-NCA teams: the non-NCA teams are withheld, and with none left it is flagged")
    func cca() async throws {
        try await PipelineHarness.with { harness in
            let telco = try await harness.partner("Telco One", .telco)
            let cyber = try await harness.partner("Cyber Firm", .cyber)

            // Fraud goes to Report Fraud by the rules; s.7 permits only the NCA: flagged, nothing tasked.
            let domestic = try await harness.submit(telco, Self.citing("cca_2013_s7", Fixtures.telco))
            #expect(try await harness.eventually { try await harness.count("SELECT count(*) FROM gateway_flags WHERE referral_id = $1", domestic) == 1 })
            #expect(try await Self.teams(harness, domestic) == nil)
            #expect(try await harness.text("SELECT status FROM referrals WHERE id = $1", domestic) == "enriched")
            let reason = "gateway cca_2013_s7 permits only NCA_INTERNATIONAL, NCA_TICAT; routing chose REPORT_FRAUD"
            #expect(try await Self.audit(harness, domestic) == [
                "action": "referral.flagged", "teams": "", "gateway": "cca_2013_s7", "withheld_teams": "REPORT_FRAUD", "reason": reason,
                "created": "", "raised": ""])
            #expect(try await harness.text("SELECT reason FROM gateway_flags WHERE referral_id = $1", domestic) == reason)

            // Overseas fraud: Report Fraud and NCA international by the rules; only the NCA team is tasked.
            let overseas = try await harness.submit(telco, Self.citing("cca_2013_s7", Self.overseasFraud))
            #expect(try await harness.waitUntilTasked(overseas))
            #expect(try await Self.teams(harness, overseas) == "NCA_INTERNATIONAL")
            #expect(try await Self.audit(harness, overseas) == [
                "action": "referral.tasked", "teams": "NCA_INTERNATIONAL", "gateway": "cca_2013_s7", "withheld_teams": "REPORT_FRAUD",
                "created": "NCA_INTERNATIONAL \(try await harness.text("SELECT priority FROM taskings WHERE referral_id = $1", overseas) ?? "?")", "raised": ""])

            let incident = try await harness.submit(cyber, Self.citing("cca_2013_s7", Fixtures.cyber))
            #expect(try await harness.waitUntilTasked(incident))
            #expect(try await Self.teams(harness, incident) == "NCA_TICAT")
            #expect(try await harness.count("SELECT count(*) FROM gateway_flags") == 1)
        }
    }

    @Test("editing a registry row changes routing for the next referral, without a restart")
    func registryEdit() async throws {
        try await PipelineHarness.with { harness in
            let telco = try await harness.partner("Telco One", .telco)
            let before = try await harness.submit(telco, Self.citing("dpa_2018_sch2_para2", Fixtures.telco))
            #expect(try await harness.waitUntilTasked(before))
            #expect(try await Self.teams(harness, before) == "REPORT_FRAUD")

            _ = try await harness.pool.query(PostgresQuery(
                "test_restrict_gateway", "UPDATE lawful_gateways SET permitted_agencies = '{COLP_FTC}' WHERE code = 'dpa_2018_sch2_para2'"))
            let after = try await harness.submit(telco, Self.citing("dpa_2018_sch2_para2", Fixtures.telco.replacingOccurrences(of: "TEL-1", with: "TEL-2")))
            #expect(try await harness.eventually { try await harness.count("SELECT count(*) FROM gateway_flags WHERE referral_id = $1", after) == 1 })
            #expect(try await Self.teams(harness, after) == nil)
        }
    }

    @Test("the tasking view shows the gateway's code, title, citation and onward limits; the read's audit event names it")
    func taskingView() async throws {
        try await PipelineHarness.with { harness in
            let cyber = try await harness.partner("Cyber Firm", .cyber)
            let incident = try await harness.submit(cyber, Self.citing("cca_2013_s7", Fixtures.cyber))
            #expect(try await harness.waitUntilTasked(incident))
            let officer = try await harness.officer("NCA_TICAT")
            let tasking = try #require(try await harness.taskingID(agency: officer.token, referral: incident))
            let view = try await harness.call(
                harness.tasking.router, .get, "/v1/taskings/\(tasking)", token: officer.token, purpose: "triage of ransomware report")
            #expect(view.status == 200)
            let gateway = view.json["gateway"]
            #expect(gateway?["code"]?.stringValue == "cca_2013_s7")
            #expect(gateway?["title"]?.stringValue == "Disclosure to the National Crime Agency")
            #expect(gateway?["citation"]?.stringValue == "Crime and Courts Act 2013, s.7")
            #expect(gateway?["onward_disclosure"]?.stringValue?.contains("Schedule 7") == true)
            #expect(try await harness.text(
                "SELECT event::jsonb -> 'detail' ->> 'gateway' FROM audit_log WHERE action = 'tasking.read' AND subject_id = $1", tasking)
                == "cca_2013_s7")
        }
    }
}
