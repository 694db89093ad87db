import Foundation
import Postgres
import TestSupport
import Testing

/// `occ gateways …`, `occ agreements …`, `occ referrals flagged` and `occ lookups policy`: the real
/// `occ` executable as the operator login.
@Suite("occ gateways, agreements, referrals flagged and lookups policy: the real executable", .serialized)
struct GatewaysCommandTests {
    static func rows(_ output: String) -> [[String]] {
        output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("the registry is listed, shown, extended and retired; mistakes are usage errors")
    func gateways() async throws {
        let database = try await TestDatabase.create()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: AuditFixtures.asOperator(database)) }

        let list = try await occ(["gateways", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        let rows = Self.rows(list.stdout)
        #expect(rows.map { $0[0] } == ["cca_2013_s7", "dpa_2018_part3", "dpa_2018_sch2_para2", "eccta_2023_ss188_189", "poca_2002_sar", "sca_2007_s68"])
        #expect(rows.first == ["cca_2013_s7", "active", "Crime and Courts Act 2013, s.7",
                               "cyber, finance, tech, telco partners; regulated-sector firms; public authorities", "NCA_INTERNATIONAL,NCA_TICAT"])
        let show = try await occ(["gateways", "show", "dpa_2018_part3"])
        #expect(show.stdout.contains("invoked by: public authorities\npermitted agencies: any\n"))

        let add = ["gateways", "add", "--code", "test_act_2027", "--title", "Test", "--citation", "Test Act 2027, s.1",
                   "--onward", "None.", "--sectors", "telco,tech", "--agencies", "REPORT_FRAUD"]
        let added = try await occ(add)
        #expect(added.stdout == "gateway test_act_2027\tTest Act 2027, s.1\ttech, telco partners\tREPORT_FRAUD\n", "\(added.stderr)")
        for (arguments, message) in [
            (add, "a gateway test_act_2027 already exists"),
            (["gateways", "add", "--code", "Bad Code", "--title", "T", "--citation", "C", "--onward", "O"], "--code must be lower-case"),
            (["gateways", "add", "--code", "other_act", "--title", "T", "--citation", "C", "--onward", "O", "--agencies", "NOPE"],
             "unknown agency NOPE"),
            (["gateways", "add", "--code", "other_act", "--title", "T", "--citation", "C", "--onward", "O", "--sectors", "banks"],
             "--sectors takes"),
            (["gateways", "show", "no_such_act"], "no gateway no_such_act"),
            (["gateways", "retire", "no_such_act"], "no gateway no_such_act"),
        ] {
            let refused = try await occ(arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
        let retired = try await occ(["gateways", "retire", "test_act_2027"])
        #expect(retired.stdout.hasPrefix("gateway test_act_2027\tretired "), "\(retired.stderr)")
        let pool = database.pool()
        let audited = try await pool.query(PostgresQuery(
            "test_gateway_audit", "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE subject_type = 'gateway'"))
        await pool.close()
        #expect(try audited.single?.decode(String.self, at: 0) == "gateway.added,gateway.retired")
    }

    @Test("a partner gets its sector's agreement; agreements are added within what its standing may invoke and ended")
    func agreements() async throws {
        let database = try await TestDatabase.create()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: AuditFixtures.asOperator(database)) }

        let telco = try await occ(["partners", "add", "--name", "Telco One", "--sector", "telco"])
        #expect(telco.status == 0, "\(telco.stderr)")
        let partner = try #require(telco.stdout.split(separator: " ").dropFirst().first.map(String.init))
        #expect(telco.stderr.contains(": cca_2013_s7, dpa_2018_sch2_para2\n"))
        let bank = try await occ(["partners", "add", "--name", "Bank", "--sector", "finance"])
        #expect(bank.stderr.contains(": cca_2013_s7, dpa_2018_sch2_para2, eccta_2023_ss188_189, poca_2002_sar\n"), "\(bank.stderr)")
        let bare = try await occ(["partners", "add", "--name", "Tech", "--sector", "tech", "--no-agreement"])
        #expect(bare.stderr.contains("no agreement: add one with 'occ agreements add"))

        for (arguments, message) in [
            (["--gateways", "dpa_2018_part3"], "a telco partner may not invoke dpa_2018_part3 (invoked by public authorities)"),
            (["--gateways", "nope_act"], "unknown or retired gateway nope_act"),
            (["--gateways", "cca_2013_s7", "--from", "31/01/2027"], "--from must be an ISO 8601 date"),
        ] {
            let refused = try await occ(["agreements", "add", "--partner", partner, "--reference", "DSA-1"] + arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
        let pending = try await occ(["agreements", "add", "--partner", partner, "--reference", "DSA-2027",
                                     "--gateways", "cca_2013_s7", "--from", "2099-01-01", "--to", "2099-12-31"])
        #expect(pending.status == 0, "\(pending.stderr)")
        let listed = Self.rows(try await occ(["agreements", "list", "--partner", partner]).stdout)
        #expect(listed.map { [$0[2], $0[5], $0[6]] } == [
            ["in force", "cca_2013_s7,dpa_2018_sch2_para2", "default at registration"], ["pending", "cca_2013_s7", "DSA-2027"]])
        let ended = try await occ(["agreements", "end", listed[0][0]])
        #expect(ended.status == 0, "\(ended.stderr)")
        #expect(Self.rows(try await occ(["agreements", "list", "--partner", partner]).stdout).map { $0[2] } == ["ended", "pending"])
        #expect(try await occ(["agreements", "end", listed[0][0]]).stderr.contains("no agreement \(listed[0][0]) in force or pending"))
    }

    @Test("flagged referrals are listed with their reason; the lookup policy is shown and changed within bounds")
    func flaggedAndPolicy() async throws {
        let database = try await TestDatabase.create()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: AuditFixtures.asOperator(database)) }
        let pool = database.pool()
        let id = UUID()
        _ = try await pool.query(PostgresQuery("test_flagged_referral", """
            WITH partner AS (INSERT INTO partners (name, sector) VALUES ('Telco One', 'telco') RETURNING id)
            INSERT INTO referrals (id, reference, partner_id, partner_reference, fingerprint, crime_type, overseas, gateway, tlp, source_eval,
                                   intel_assessment, handling_code, channel, trace_id, canonical, raw)
            SELECT $1, 'OCC-2026-000001', id, 'TEL-1', repeat('a', 64), 'fraud.other', false, 'cca_2013_s7', 'AMBER', 2, 'B', 'P', 'json',
                   'seed', '{}', '{}' FROM partner
            """, [id]))
        _ = try await pool.query(PostgresQuery("test_flag", """
            INSERT INTO gateway_flags (referral_id, gateway, withheld_teams, reason)
            VALUES ($1, 'cca_2013_s7', '{REPORT_FRAUD}', 'gateway cca_2013_s7 permits only NCA_INTERNATIONAL, NCA_TICAT; routing chose REPORT_FRAUD')
            """, [id]))
        await pool.close()
        let flagged = Self.rows(try await occ(["referrals", "flagged"]).stdout)
        #expect(flagged.map { Array($0.dropFirst()) } == [[
            "OCC-2026-000001", id.uuidString.lowercased(), "cca_2013_s7", "REPORT_FRAUD",
            "gateway cca_2013_s7 permits only NCA_INTERNATIONAL, NCA_TICAT; routing chose REPORT_FRAUD"]])

        #expect(try await occ(["lookups", "policy"]).stdout == "max_values: 100\nrequests_per_minute: 30\nsector_floor: 3\n")
        let changed = try await occ(["lookups", "policy", "--sector-floor", "4", "--per-minute", "5"])
        #expect(changed.stdout == "max_values: 100\nrequests_per_minute: 5\nsector_floor: 4\n", "\(changed.stderr)")
        let refused = try await occ(["lookups", "policy", "--sector-floor", "1"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--sector-floor must be a whole number from 2 to 4"))
    }
}
