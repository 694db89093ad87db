import Foundation
import Postgres
import Testing

/// `occ_network_join` driven directly by two enrichment-login transactions, so the race is real
/// and its order is forced by signals, not timing.
@Suite("Enrichment: racing network merges", .serialized)
struct NetworkJoinTests {
    private static let join = PostgresQuery(
        "test_network_join",
        "SELECT joined_network FROM occ_network_join($1::uuid, $2::text[], $3::bigint, 'telco', now())")

    @Test("a merge blocked on another's network lock waits, then merges into its result: one network, nothing lost")
    func racingMergesEndAsOneNetwork() async throws {
        try await PipelineHarness.with { harness in
            let partner = try await harness.partner("Telco One", .telco)
            var referrals: [UUID] = []
            for index in 0..<5 {
                referrals.append(try await harness.submit(partner, Fixtures.referral(
                    "RACE-\(index)", crimeType: "fraud.app_impersonation", summary: "Calls",
                    indicators: #"{"kind": "phone", "value": "07700 900001"}"#), enqueue: false))
            }
            let conninfo = harness.database.conninfo(as: .enrichment)
            let setup = try await PostgresConnection.connect(conninfo, applicationName: "race-setup")
            // Three networks: {a, c}, {b}, {d}.
            for (referral, keys) in zip(referrals, [["k:a", "k:c"], ["k:b"], ["k:d"]]) {
                _ = try await setup.query(Self.join.binding(referral, keys, partner.id))
            }
            await setup.close()
            let first = try await PostgresConnection.connect(conninfo, applicationName: "race-first")
            let second = try await PostgresConnection.connect(conninfo, applicationName: "race-second")
            let (joined, joinedSignal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            let bridgeA = referrals[3], bridgeB = referrals[4], partnerID = partner.id
            // The first bridge merges {a, c} with {b} and holds its locks until released.
            let firstMerge = Task {
                try await first.transaction { connection in
                    let network = try await connection.query(Self.join.binding(bridgeA, ["k:a", "k:b"], partnerID)).single?.decode(Int64.self, at: 0)
                    joinedSignal.yield()
                    for await _ in release { break }
                    return network
                }
            }
            for await _ in joined { break }
            // The second merges {a, c} (through c) with {d}: it must wait for the first.
            let secondMerge = Task {
                try await second.transaction { connection in
                    try await connection.query(Self.join.binding(bridgeB, ["k:c", "k:d"], partnerID)).single?.decode(Int64.self, at: 0)
                }
            }
            #expect(try await harness.eventually {
                try await harness.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'race-second' AND wait_event_type = 'Lock'") == 1
            })
            releaseSignal.yield()
            let firstNetwork = try await firstMerge.value
            let secondNetwork = try await secondMerge.value
            await first.close()
            await second.close()
            #expect(firstNetwork != nil && firstNetwork == secondNetwork)
            #expect(try await harness.count("SELECT count(DISTINCT network_id) FROM network_members") == 1)
            #expect(try await harness.count("SELECT count(DISTINCT network_id) FROM network_keys") == 1)
            #expect(try await harness.count(
                "SELECT referral_count * 10 + indicator_count FROM networks WHERE merged_into IS NULL AND referral_count > 0") == 54)
            #expect(try await harness.count("SELECT count(*) FROM networks WHERE merged_into IS NOT NULL") == 2)
            // A retried join is idempotent.
            let again = try await harness.pool.withConnection { connection in
                try await connection.query(Self.join.binding(bridgeB, ["k:c", "k:d"], partnerID)).single?.decode(Int64.self, at: 0)
            }
            #expect(again == firstNetwork)
            #expect(try await harness.count("SELECT referral_count FROM networks WHERE id = $1", firstNetwork ?? 0) == 5)
        }
    }
}
