import Domain
import Foundation
import HTTP
import Postgres

/// `occ bench flow --campaign`: the cost per referral of a mass campaign (every referral names
/// one phone number, from all four sectors' partners in turn) against as many unrelated
/// referrals. Per-key counters and network joins touch only the key's row and the network's,
/// so the campaign should cost within 2× of the distinct run per referral.
struct CampaignBench: Sendable {
    let flow: FlowBench

    /// One run: `count` referrals from `clients` submitters; seconds from the first receipt to
    /// the last first tasking, per referral.
    func run(count: Int, clients: Int, phone: @escaping @Sendable (Int) -> String) async throws -> (perReferral: Double, tasked: Int) {
        let since = Date()
        let sectors = Sector.allCases
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<clients {
                group.addTask {
                    let http = HTTPClient(port: flow.port, timeout: .seconds(30))
                    for n in stride(from: client, to: count, by: clients) {
                        _ = try await flow.submit(http, sector: sectors[n % sectors.count], phone: phone(n))
                    }
                    await http.close()
                }
            }
            try await group.waitForAll()
        }
        let (tasked, span, _, _) = try await flow.waitUntilTasked(since: since)
        return (tasked > 0 ? span / Double(tasked) : 0, tasked)
    }

    func report(count: Int, clients: Int) async throws {
        emit("occ bench flow --campaign — \(count) referrals per run, \(clients) clients, four service processes\n")
        // Distinct numbers: +447700 9xxxxx then +447701 …, never the campaign's.
        let distinct = try await run(count: count, clients: clients) { String(format: "+4477%08d", 100_000 + $0) }
        emit("(1) distinct: \(distinct.tasked) unrelated referrals, \(figure(distinct.perReferral * 1000, decimals: 2)) ms per referral")
        let campaign = try await run(count: count, clients: clients) { _ in "+447700900999" }
        emit("(2) campaign: \(campaign.tasked) referrals sharing one number, \(figure(campaign.perReferral * 1000, decimals: 2)) ms per referral")
        let ratio = distinct.perReferral > 0 ? campaign.perReferral / distinct.perReferral : 0
        emit("(3) campaign / distinct per referral: \(figure(ratio, decimals: 2))×   target ≤ 2×")
    }
}
