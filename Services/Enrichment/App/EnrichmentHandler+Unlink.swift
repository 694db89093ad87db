import Domain
import Foundation
import Postgres
import Queue
import ServiceKit

extension EnrichmentHandler {
    /// Runs `unlink_referral` for a withdrawn referral, in one transaction with the job's
    /// completion: removes its links both ways, stops its sightings linking again, takes it out of
    /// its network and splits the rest into the groups that still share keys (the largest keeps
    /// the network's id), recounting each. Audited as `referral.unlinked`.
    func unlink(_ args: UnlinkReferral, context: JobContext, on connection: PostgresConnection) async throws -> JobOutcome {
        try await connection.transaction { connection in
            guard try await connection.query(UnlinkQueries.lock.binding(args.referralID)).single != nil else {
                return .discard(reason: "referral \(args.referralID) does not exist")
            }
            var statements = [UnlinkQueries.deleteLinks.binding(args.referralID), UnlinkQueries.stopLinking.binding(args.referralID)]
            var groups: [[String]] = []
            let network = try await connection.query(UnlinkQueries.membership.binding(args.referralID)).single?.decode(Int64.self, "network_id")
            if let network {
                _ = try await connection.query(UnlinkQueries.lockNetwork.binding(network))
                var keys: [String: Set<String>] = [:]
                for row in try await connection.query(UnlinkQueries.remainingKeys.binding(network, args.referralID)) {
                    keys[try row.decode(UUID.self, "referral_id").uuidString.lowercased()] = Set(try row.decode([String].self, "keys"))
                }
                groups = NetworkSplit.components(keys)
                let members = keys.keys.compactMap(UUID.init(uuidString:))
                statements += [UnlinkQueries.deleteMember.binding(args.referralID),
                               UnlinkQueries.deleteOrphanKeys.binding(network, Array(keys.values.reduce(into: Set<String>()) { $0.formUnion($1) }))]
                for group in groups.dropFirst() {
                    let groupKeys = group.reduce(into: Set<String>()) { $0.formUnion(keys[$1] ?? []) }
                    statements.append(UnlinkQueries.split.binding(network, group.compactMap(UUID.init(uuidString:)), Array(groupKeys)))
                }
                statements += [UnlinkQueries.clearPartners.binding(network, members), UnlinkQueries.fillPartners.binding(network, members),
                               UnlinkQueries.recount.binding(network, members)]
            }
            statements.append(context.completionStatement)
            let results = try await connection.pipeline(statements)
            try context.verifyCompleted(results[results.count - 1])
            try await connection.pipelineAndCommit(AuditLog.appendStatements([AuditEvent(
                actor: "service:enrichment", action: "referral.unlinked", subjectType: "referral",
                subjectID: args.referralID.uuidString.lowercased(),
                detail: ["network_id": network.map(String.init) ?? "", "networks_after": String(groups.count)])]))
            return .completedInTransaction
        }
    }
}
