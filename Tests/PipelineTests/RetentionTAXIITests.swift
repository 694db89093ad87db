import Domain
import Foundation
import Postgres
import ServiceKit
import Testing

/// Disposal takes a referral out of the partners' TAXII feeds the way a withdrawal does: every
/// object it put there comes back as a revoked version, in the disposal's transaction.
@Suite("Retention: disposal revokes TAXII objects", .serialized)
struct RetentionTAXIITests {
    @Test("a disposed referral's indicators, sightings, outcome note and confirmed indicators (own and sector) come back revoked; a held one's stay")
    func disposalRevokes() async throws {
        try await PipelineHarness.with { harness in
            try await TAXIIServers.with(harness) { servers in
                let bank = try await harness.partner("High Street Bank", .finance)
                let disposed = try await servers.submit(bank, Fixtures.bank)
                let held = try await servers.submit(bank, TAXIIClientTests.secondBankReferral)
                for id in [disposed, held] { #expect(try await harness.waitUntilTasked(id)) }
                #expect(try await harness.waitUntilIdle())
                // Alone (no telco referral links it) the referral goes to whichever agency routing picks.
                let agency = try #require(try await harness.text("SELECT agency_code FROM taskings WHERE referral_id = $1", disposed))
                let token = try await harness.agencyToken(agency)
                let tasking = try #require(try await harness.taskingID(agency: token, referral: disposed))
                #expect(try await harness.recordOutcome(agency: token, tasking: tasking, PipelineHarness.disruptedOutcome).status == 201)
                // Preamble (2) + what was published: 3 indicators and 3 sightings; 2 confirmed; 1 note; 1 for its sector.
                _ = try await TAXIIRouteTests.pageAll(servers, bank, .referrals, limit: 10, expecting: 8)
                _ = try await TAXIIRouteTests.pageAll(servers, bank, .confirmed, limit: 10, expecting: 4)
                _ = try await TAXIIRouteTests.pageAll(servers, bank, .outcomes, limit: 10, expecting: 3)
                _ = try await TAXIIRouteTests.pageAll(servers, bank, .sector, limit: 10, expecting: 3)
                let hold = try LegalHoldDraft.check(reason: "Operation Test: evidence", until: nil, now: Date()).get()
                #expect(try await LegalHoldRegistry(pool: harness.pool).place(hold, on: .referral(held), placedBy: "operator") != nil)

                let retention = PostgresPool(.init(
                    conninfo: harness.database.conninfo(as: .retention), maxConnections: 2, applicationName: "occ-test-retention"))
                let total = try await RetentionDisposer(actor: "test").run(
                    asOf: RetentionTests.later, recordClass: nil, limit: 100, batchSize: 10, pool: retention)
                await retention.close()
                #expect(total == 1)

                let revoked: (JSONValue) -> Bool = { $0["revoked"] == .bool(true) }
                let referrals = Self.latest(try await TAXIIRouteTests.pageAll(servers, bank, .referrals, limit: 3, expecting: 8) {
                    Self.latest($0).filter(revoked).count == 4
                })
                let disposedIDs = Set(["phone:+447700900123", "iban:GB29NWBK60161331926819"].flatMap { key in
                    [STIXExport.referralIndicatorID(referralID: disposed.uuidString, key: key),
                     STIXExport.referralSightingID(referralID: disposed.uuidString, key: key)]
                })
                #expect(Set(referrals.filter(revoked).compactMap { $0["id"]?.stringValue }) == disposedIDs)
                #expect(referrals.count == 8, "the held referral's indicator and sighting are live, once each")
                let confirmed = Self.latest(try await TAXIIRouteTests.pageAll(servers, bank, .confirmed, limit: 10, expecting: 4) {
                    Self.latest($0).filter(revoked).count == 2
                })
                #expect(confirmed.filter { $0["type"] == .string("indicator") }.allSatisfy(revoked))
                let outcomes = Self.latest(try await TAXIIRouteTests.pageAll(servers, bank, .outcomes, limit: 10, expecting: 3) {
                    Self.latest($0).filter(revoked).count == 1
                })
                #expect(outcomes.filter { $0["type"] == .string("note") }.allSatisfy(revoked))
                // The bank's sector collection (finance) holds the frozen account, also revoked.
                let sector = Self.latest(try await TAXIIRouteTests.pageAll(servers, bank, .sector, limit: 10, expecting: 3) {
                    Self.latest($0).filter(revoked).count == 1
                })
                #expect(sector.filter { $0["type"] == .string("indicator") }.allSatisfy(revoked))
                // The original stays as the earlier version; the revoked one is the latest.
                let indicatorID = STIXExport.referralIndicatorID(referralID: disposed.uuidString, key: Fixtures.phoneKey)
                let versions = try TAXIIRouteTests.json(try await servers.taxii(
                    "\(TAXIIRouteTests.root)/collections/\(TAXIICollection.referrals.id)/objects/\(indicatorID)/versions/", partner: bank))
                #expect(versions["versions"]?.arrayValue?.count == 2)

                #expect(try await harness.count(
                    "SELECT count(*) FROM audit_log WHERE action = 'retention.anonymised' AND subject_id = $1 AND event::jsonb->'detail'->>'taxii_revoked' = '8'",
                    disposed.uuidString.lowercased()) == 1)
                try await RetentionTests.expectNothingDangles(harness)
                // A second disposal of the same referral (a rerun) would revoke nothing again.
                let rows = try await harness.count("SELECT count(*) FROM taxii_objects")
                let again = try await harness.pool.transaction { connection in
                    try await RetentionDisposer(actor: "test").revokeTAXIIObjects([disposed], asOf: RetentionTests.later, on: connection)
                }
                #expect(again.isEmpty)
                #expect(try await harness.count("SELECT count(*) FROM taxii_objects") == rows)
            }
        }
    }

    /// The latest version of each object seen. A page fetched after the disposal's versions became
    /// visible shows an object revoked that an earlier page showed live: a feed pages through what
    /// has been added, not through one snapshot.
    static func latest(_ objects: [JSONValue]) -> [JSONValue] {
        var order: [String] = [], byID: [String: JSONValue] = [:]
        for object in objects {
            guard let id = object["id"]?.stringValue else { continue }
            if byID.updateValue(object, forKey: id) == nil { order.append(id) }
        }
        return order.compactMap { byID[$0] }
    }
}
