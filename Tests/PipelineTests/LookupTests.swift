import Domain
import Foundation
import HTTP
import IntakeApp
import Postgres
import Runtime
import ServiceKit
import Testing

/// `POST /v1/lookups` over sightings made by the real enrichment worker: whether a value is known,
/// with counts only from the third distinct sector, never confirming a TLP:RED-only value.
@Suite("Existence-safe lookups", .serialized)
struct LookupTests {
    static func lookup(_ harness: PipelineHarness, _ intake: IntakeApplication, _ partner: TestPartner, _ indicators: String) async throws -> TestResponse {
        try await harness.call(intake.router, .post, "/v1/lookups", token: partner.token, body: #"{"indicators": [\#(indicators)]}"#)
    }

    static func withIntake(_ harness: PipelineHarness, _ body: (IntakeApplication) async throws -> Void) async throws {
        let environment = ServiceEnvironment(
            databaseURL: harness.database.conninfo(as: .intake), poolSize: 2,
            http: HTTPServer.Configuration(host: "127.0.0.1", port: 0), logger: Logger(service: "intake-test", level: .critical))
        let intake = try await buildIntakeApplication(environment: environment)
        do {
            try await body(intake)
        } catch {
            await intake.pool.close()
            throw error
        }
        await intake.pool.close()
    }

    static let phone = #"{"kind": "phone", "value": "07700 900123"}"#
    static let phoneIndicator = #"{"kind": "phone", "value": "+44 7700 900123"}"#

    @Test("two sectors: known without counts; a third sector: counts; RED-only and unseen values: not known")
    func kAnonymity() async throws {
        try await PipelineHarness.with { harness in
            try await Self.withIntake(harness) { intake in
                let telco = try await harness.partner("Telco One", .telco)
                let bank = try await harness.partner("High Street Bank", .finance)
                let cyber = try await harness.partner("Cyber Firm", .cyber)
                let asker = try await harness.partner("Tech Platform", .tech)
                let red = Fixtures.referral(
                    "TEL-RED", crimeType: "fraud.app_impersonation", summary: "Calls from a number seen only under RED",
                    indicators: #"{"kind": "phone", "value": "07700 900999"}"#, tlp: "RED")
                for (partner, json) in [(telco, Fixtures.telco), (bank, Fixtures.bank), (telco, red)] {
                    #expect(try await harness.waitUntilTasked(try await harness.submit(partner, json)))
                }

                let two = try await Self.lookup(harness, intake, asker, Self.phone + #", {"kind": "phone", "value": "07700 900999"}, {"kind": "domain", "value": "never-seen.example"}"#)
                #expect(two.status == 200)
                let results = two.json["results"]?.arrayValue ?? []
                #expect(results.count == 3)
                #expect(results.first == .object(["kind": .string("phone"), "value": .string("+447700900123"), "known": .bool(true)]))
                #expect(results.dropFirst().map { $0["known"] } == [.bool(false), .bool(false)])

                let cyberReferral = Fixtures.referral(
                    "CYB-1", crimeType: "cyber.ransomware", summary: "Ransom note gave this number for payment help",
                    indicators: Self.phoneIndicator)
                #expect(try await harness.waitUntilTasked(try await harness.submit(cyber, cyberReferral)))
                let three = try await Self.lookup(harness, intake, asker, Self.phone)
                #expect(three.json["results"]?.arrayValue?.first == .object([
                    "kind": .string("phone"), "value": .string("+447700900123"), "known": .bool(true),
                    "sectors": .integer(3), "partners": .integer(3)]))

                // Every answered lookup is audited, by the asker, without the values asked about.
                let audited = try await harness.pool.query(PostgresQuery(
                    "test_lookup_audit", "SELECT actor, event FROM audit_log WHERE action = 'lookup.answered' ORDER BY id"))
                #expect(try audited.map { try $0.decode(String.self, "actor") } == ["partner:\(asker.id)", "partner:\(asker.id)"])
                #expect(try audited.allSatisfy { !(try $0.decode(String.self, "event")).contains("7700") })
            }
        }
    }

    @Test("the sector floor is data: lowering it to 2 shows counts for a value two sectors know")
    func floorIsData() async throws {
        try await PipelineHarness.with { harness in
            try await Self.withIntake(harness) { intake in
                let telco = try await harness.partner("Telco One", .telco)
                let bank = try await harness.partner("High Street Bank", .finance)
                for (partner, json) in [(telco, Fixtures.telco), (bank, Fixtures.bank)] {
                    #expect(try await harness.waitUntilTasked(try await harness.submit(partner, json)))
                }
                _ = try await harness.pool.query(PostgresQuery("test_floor", "UPDATE lookup_policy SET sector_floor = 2"))
                let answer = try await Self.lookup(harness, intake, telco, Self.phone)
                #expect(answer.json["results"]?.arrayValue?.first?["sectors"] == .integer(2))
            }
        }
    }
}
