import Foundation
import HTTP
import ServiceKit
import TestSupport
import Testing

@Suite("the intake executable")
struct ExecutableTests {
    @Test("the real binary serves over TCP, accepts a referral and exits cleanly on SIGTERM")
    func runsAndStops() async throws {
        let database = try await TestDatabase.create()
        let pool = database.pool()
        defer { Task { await pool.close() } }
        let partner = try await PartnerRegistry(pool: pool).add(name: "Example Cyber", sector: .cyber)
        let key = try await APIKeyRegistry(pool: pool).issue(owner: .partner(id: partner.id), scopes: [.partnerSubmit])
        let intake = try await ServiceProcess("intake", conninfo: database.conninfo(as: .intake))
        let client = HTTPClient(port: intake.port, timeout: .seconds(10))
        let response = try await client.send(
            .post, "/v1/referrals", headers: ["Authorization": "Bearer \(key.token)", "Content-Type": "application/json"],
            body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "CYB-1")))
        #expect(response.status == .created)
        await client.close()
        #expect(await intake.stop() == 0)
    }

    @Test("a 10,000-line NDJSON file is streamed through the binary, one referral and job per line")
    func tenThousandLines() async throws {
        let database = try await TestDatabase.create()
        let pool = database.pool()
        defer { Task { await pool.close() } }
        let partner = try await PartnerRegistry(pool: pool).add(name: "Example Bank", sector: .finance)
        let key = try await APIKeyRegistry(pool: pool).issue(owner: .partner(id: partner.id), scopes: [.partnerSubmit])
        let intake = try await ServiceProcess("intake", conninfo: database.conninfo(as: .intake))
        var file: [UInt8] = []
        for index in 0..<10_000 {
            var referral = ReferralFixtures.valid(reference: "BULK-\(index)")
            referral["indicators"] = [["kind": "phone", "value": "+4477009\(String(format: "%05d", index))"]]
            file += Array(ReferralFixtures.line(referral).utf8) + [0x0A]
        }
        let client = HTTPClient(port: intake.port, timeout: .seconds(300))
        let response = try await client.send(
            .post, "/v1/referrals/bulk",
            headers: ["Authorization": "Bearer \(key.token)", "Content-Type": "application/x-ndjson"], body: file)
        #expect(response.status == .ok)
        let body = ReferralFixtures.json(response)
        #expect(body["created"] as? Int == 10_000)
        #expect(body["rejected"] as? Int == 0)
        #expect((body["results"] as? [[String: Any]])?.last?["line"] as? Int == 10_000)
        let row = try #require(try await pool.query(.init("test_bulk_counts", """
            SELECT (SELECT count(*) FROM referrals) AS referrals, (SELECT count(*) FROM occ_jobs WHERE kind = 'enrich_referral') AS jobs
            """)).single)
        #expect(try row.decode(Int.self, "referrals") == 10_000)
        #expect(try row.decode(Int.self, "jobs") == 10_000)
        await client.close()
        #expect(await intake.stop() == 0)
    }
}
