import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit
import TestSupport
import Testing

/// The TAXII 2.1 server over real HTTP: discovery, API root, collections, objects, manifest and
/// versions; TAXII media type and error format; credentials; paging with `next`; withdrawal as
/// revoked versions.
@Suite("TAXII 2.1 routes", .serialized)
struct TAXIIRouteTests {
    static let root = "/taxii2/exchange"
    static let referrals = "\(root)/collections/\(TAXIICollection.referrals.id)"

    static func json(_ response: ClientResponse) throws -> JSONValue {
        try JSONValue(parsing: Data(response.body))
    }

    @Test("discovery, API root and collections answer in TAXII's media type; credentials are checked")
    func discoveryAndCredentials() async throws {
        try await PipelineHarness.with { harness in
            try await TAXIIServers.with(harness) { servers in
                let bank = try await harness.partner("High Street Bank", .finance)
                for target in ["/taxii2/", "\(Self.root)/", "\(Self.root)/collections/", "\(Self.referrals)/"] {
                    let response = try await servers.taxii(target, partner: bank)
                    #expect(response.status == .ok, "\(target)")
                    #expect(response.headers["Content-Type"] == "application/taxii+json;version=2.1", "\(target)")
                }
                let discovery = try Self.json(try await servers.taxii("/taxii2/", partner: bank))
                #expect(discovery["api_roots"] == .array([.string("/taxii2/exchange/")]))
                let collections = try Self.json(try await servers.taxii("\(Self.root)/collections/", partner: bank))["collections"]?.arrayValue ?? []
                #expect(Set(collections.compactMap { $0["id"]?.stringValue }) == Set(TAXIICollection.allCases.map(\.id)))
                #expect(collections.allSatisfy { $0["can_write"] == .bool(false) && $0["can_read"] == .bool(true) })
                #expect(collections.first?["media_types"] == .array([.string("application/stix+json;version=2.1")]))
                // The bearer form of the same key works too.
                #expect(try await servers.taxii("/taxii2/", partner: nil, authorization: "Bearer \(bank.token)").status == .ok)

                let unauthenticated = try await servers.taxii("/taxii2/", partner: nil)
                #expect(unauthenticated.status == .unauthorized)
                #expect(unauthenticated.headers["Content-Type"] == "application/taxii+json;version=2.1")
                #expect(unauthenticated.headers["WWW-Authenticate"]?.hasPrefix("Basic") == true)
                #expect(try Self.json(unauthenticated)["http_status"] == .string("401"))
                let wrong = "Basic " + Data("partner:occ_nope1234_\(String(repeating: "a", count: 64))".utf8).base64EncodedString()
                #expect(try await servers.taxii("/taxii2/", partner: nil, authorization: wrong).status == .unauthorized)

                let submitOnly = try await APIKeyRegistry(pool: harness.pool).issue(owner: .partner(id: bank.id), scopes: [.partnerSubmit])
                let forbidden = try await servers.taxii("/taxii2/", partner: TestPartner(id: bank.id, token: submitOnly.token))
                #expect(forbidden.status == .forbidden)
                #expect(try Self.json(forbidden)["title"] == .string("Forbidden"))
                let oversight = TestPartner(id: 0, token: try await harness.oversightToken())
                #expect(try await servers.taxii("/taxii2/", partner: oversight).status == .forbidden)

                let notAcceptable = try await servers.taxii("/taxii2/", partner: bank, accept: "application/json")
                #expect(notAcceptable.status == .notAcceptable)
                #expect(try Self.json(notAcceptable)["http_status"] == .string("406"))
                #expect(try await servers.taxii("/taxii2/", partner: bank, accept: "application/taxii+json").status == .ok)
                #expect(try await servers.taxii("/taxii2/", partner: bank, accept: "*/*").status == .ok)

                let missing = try await servers.taxii("\(Self.root)/collections/00000000-0000-4000-8000-000000000000/objects/", partner: bank)
                #expect(missing.status == .notFound)
                #expect(missing.headers["Content-Type"] == "application/taxii+json;version=2.1")
                #expect(try await servers.taxii("\(Self.referrals)/objects/not-an-id/", partner: bank).status == .notFound)
                #expect(try await servers.taxii("\(Self.referrals)/objects/indicator--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a11/", partner: bank)
                    .status == .notFound)
                #expect(try await servers.taxii("\(Self.referrals)/objects/indicator--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a11/versions/", partner: bank)
                    .status == .notFound)
            }
        }
    }

    @Test("every bad parameter is a 400 in TAXII's error format naming it")
    func badParameters() async throws {
        try await PipelineHarness.with { harness in
            try await TAXIIServers.with(harness) { servers in
                let bank = try await harness.partner("High Street Bank", .finance)
                let cases: [(String, [String])] = [
                    ("limit=0", ["limit"]), ("limit=1001", ["limit"]), ("limit=ten", ["limit"]),
                    ("added_after=yesterday", ["added_after"]), ("added_after=2026-02-30T00:00:00Z", ["added_after"]),
                    ("next=nonsense", ["next"]), ("next=\(FeedCursor.start("feedback").description)", ["next"]),
                    ("match%5Bversion%5D=newest", ["match[version]"]), ("match%5Btype%5D=NotAType", ["match[type]"]),
                    ("match%5Bid%5D=indicator--1234", ["match[id]"]), ("match%5Bspec_version%5D=3", ["match[spec_version]"]),
                    ("match%5Bcolour%5D=red", ["match[colour]"]), ("limit=5&limit=6", ["limit"]),
                    ("limit=0&added_after=x&next=y", ["limit", "added_after", "next"]),
                ]
                for (query, fields) in cases {
                    for endpoint in ["objects", "manifest"] {
                        let response = try await servers.taxii("\(Self.referrals)/\(endpoint)/?\(query)", partner: bank)
                        #expect(response.status == .badRequest, "\(query)")
                        #expect(response.headers["Content-Type"] == "application/taxii+json;version=2.1")
                        let body = try Self.json(response)
                        #expect(body["http_status"] == .string("400"))
                        #expect(Set(body["details"].map { value -> [String] in
                            if case .object(let members) = value { Array(members.keys) } else { [] }
                        } ?? []) == Set(fields), "\(query)")
                    }
                }
            }
        }
    }

    @Test("paging with next returns every object once; filters; a withdrawn referral's indicators come back revoked")
    func pagingAndWithdrawal() async throws {
        try await PipelineHarness.with { harness in
            try await TAXIIServers.with(harness) { servers in
                let bank = try await harness.partner("High Street Bank", .finance)
                let other = try await harness.partner("Telco One", .telco)
                let first = try await servers.submit(bank, Fixtures.bank)
                let second = try await servers.submit(bank, TAXIIClientTests.secondBankReferral)
                // 2 preamble objects, then an indicator and a sighting per indicator (2 + 1).
                let all = try await Self.pageAll(servers, bank, limit: 1, expecting: 8)
                #expect(all.count == 8)
                #expect(Set(all.compactMap { $0["id"]?.stringValue }).count == 8)
                #expect(all.prefix(2).compactMap { $0["type"]?.stringValue } == ["identity", "extension-definition"])
                #expect(all.filter { $0["type"] == .string("indicator") }.count == 3)
                let firstID = STIXExport.referralIndicatorID(referralID: first.uuidString, key: Fixtures.phoneKey)
                #expect(all.contains { $0["id"] == .string(firstID) })
                // The other partner sees none of it.
                #expect(try Self.json(try await servers.taxii("\(Self.referrals)/objects/", partner: other))["objects"] == nil)

                let sightings = try Self.json(try await servers.taxii("\(Self.referrals)/objects/?match%5Btype%5D=sighting", partner: bank))
                #expect(sightings["objects"]?.arrayValue?.count == 3)
                let one = try Self.json(try await servers.taxii("\(Self.referrals)/objects/?match%5Bid%5D=\(firstID)", partner: bank))
                #expect(one["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [firstID])
                let manifest = try await servers.taxii("\(Self.referrals)/manifest/?limit=3", partner: bank)
                let entries = try Self.json(manifest)["objects"]?.arrayValue ?? []
                #expect(entries.count == 3)
                #expect(entries.allSatisfy { $0["media_type"] == .string("application/stix+json;version=2.1") && $0["date_added"] != nil })
                #expect(try Self.json(manifest)["more"] == .bool(true))
                #expect(manifest.headers["X-TAXII-Date-Added-First"] != nil)

                // Withdrawal: by the submitting partner only; a bad body changes nothing.
                #expect(try await servers.withdraw(other, second).status == .notFound)
                #expect(try await servers.withdraw(bank, second, body: #"{"reason": "  "}"#).status == .unprocessableContent)
                #expect(try await servers.withdraw(bank, second, body: #"{"why": "x"}"#).status == .unprocessableContent)
                #expect(try await harness.count("SELECT count(*) FROM referral_withdrawals") == 0)
                let withdrawn = try await servers.withdraw(bank, second)
                #expect(withdrawn.status == .ok)
                #expect(try Self.json(withdrawn)["revoked_objects"] == .integer(2))
                #expect(try await servers.withdraw(bank, second).status == .conflict)
                #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'referral.withdrawn'") == 1)

                let secondID = STIXExport.referralIndicatorID(referralID: second.uuidString, key: TAXIIClientTests.secondPhoneKey)
                let versions = try await Self.eventuallyJSON(harness, servers, bank, "\(Self.referrals)/objects/\(secondID)/versions/") {
                    $0["versions"]?.arrayValue?.count == 2
                }
                #expect(versions["versions"]?.arrayValue?.count == 2)
                let latest = try Self.json(try await servers.taxii("\(Self.referrals)/objects/\(secondID)/", partner: bank))
                #expect(latest["objects"]?.arrayValue?.first?["revoked"] == .bool(true))
                let original = try Self.json(try await servers.taxii("\(Self.referrals)/objects/\(secondID)/?match%5Bversion%5D=first", partner: bank))
                #expect(original["objects"]?.arrayValue?.first?["revoked"] == nil)
                let both = try Self.json(try await servers.taxii("\(Self.referrals)/objects/\(secondID)/?match%5Bversion%5D=all", partner: bank))
                #expect(both["objects"]?.arrayValue?.count == 2)
                // The default (last version) view still has 8 objects, two of them now revoked.
                let after = try await Self.pageAll(servers, bank, limit: 3, expecting: 8)
                #expect(after.filter { $0["revoked"] == .bool(true) }.count == 2)
            }
        }
    }

    /// Follows `next` from the start until `more` is false; waits (the feed shows a row only once
    /// every older transaction in the shared cluster has ended) until `expecting` objects are seen.
    static func pageAll(
        _ servers: TAXIIServers, _ partner: TestPartner, _ collection: TAXIICollection = .referrals, limit: Int, expecting: Int,
        until done: ([JSONValue]) -> Bool = { _ in true }
    ) async throws -> [JSONValue] {
        var objects: [JSONValue] = []
        _ = try await TestSupport.eventually {
            objects = []
            var next: String?
            repeat {
                let query = "limit=\(limit)" + (next.map { "&next=\($0)" } ?? "")
                let page = try Self.json(try await servers.taxii("\(root)/collections/\(collection.id)/objects/?\(query)", partner: partner))
                let items = page["objects"]?.arrayValue ?? []
                #expect(items.count <= limit)
                objects += items
                next = page["more"] == .bool(true) ? page["next"]?.stringValue : nil
            } while next != nil
            return objects.count >= expecting && done(objects)
        }
        return objects
    }

    static func eventuallyJSON(
        _ harness: PipelineHarness, _ servers: TAXIIServers, _ partner: TestPartner, _ target: String, _ done: (JSONValue) -> Bool
    ) async throws -> JSONValue {
        var body = JSONValue.null
        _ = try await harness.eventually {
            body = try Self.json(try await servers.taxii(target, partner: partner))
            return done(body)
        }
        return body
    }
}
