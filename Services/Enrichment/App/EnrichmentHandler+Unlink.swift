import Domain
import Foundation
import Postgres
import Queue
import ServiceKit

extension EnrichmentHandler {
    /// Runs `unlink_referral` for a withdrawn referral (or the keys a correction took out), in one
    /// transaction with the job's completion: removes its links through them both ways, stops those
    /// sightings linking again, takes a withdrawn referral out of its network, and splits the
    /// network into the groups that still share keys (the largest keeps the network's id),
    /// recounting each. Audited as `referral.unlinked`.
    func unlink(_ args: UnlinkReferral, context: JobContext, on connection: PostgresConnection) async throws -> JobOutcome {
        try await connection.transaction { connection in
            guard try await connection.query(UnlinkQueries.lock.binding(args.referralID)).single != nil else {
                return .discard(reason: "referral \(args.referralID) does not exist")
            }
            // A withdrawal (no keys) takes the referral out of its network; a correction keeps it in.
            let leaves = args.keys == nil
            _ = try await connection.pipeline([UnlinkQueries.deleteLinks.binding(args.referralID, args.keys),
                                               UnlinkQueries.stopLinking.binding(args.referralID, args.keys)])
            var statements: [PostgresQuery] = []
            var groups: [[String]] = []
            let network = try await connection.query(UnlinkQueries.membership.binding(args.referralID)).single?.decode(Int64.self, "network_id")
            if let network {
                _ = try await connection.query(UnlinkQueries.lockNetwork.binding(network))
                var keys: [String: Set<String>] = [:]
                for row in try await connection.query(UnlinkQueries.remainingKeys.binding(network, args.referralID, leaves)) {
                    keys[try row.decode(UUID.self, "referral_id").uuidString.lowercased()] = Set(try row.decode([String].self, "keys"))
                }
                groups = NetworkSplit.components(keys)
                let members = keys.keys.compactMap(UUID.init(uuidString:))
                if leaves { statements.append(UnlinkQueries.deleteMember.binding(args.referralID)) }
                statements.append(UnlinkQueries.deleteOrphanKeys.binding(network, Array(keys.values.reduce(into: Set<String>()) { $0.formUnion($1) })))
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
                detail: ["network_id": network.map(String.init) ?? "", "networks_after": String(groups.count),
                         "keys": args.keys.map { String($0.count) } ?? "all"])]))
            return .completedInTransaction
        }
    }
}
