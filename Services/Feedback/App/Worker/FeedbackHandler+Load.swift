import Domain
import Foundation
import Postgres
import ServiceKit

extension FeedbackHandler {
    /// What one delivery decides on: the outcome's disclosure case, its recipients and the policy.
    struct Loaded {
        let disclosure: DisclosureCase
        let recipients: [DisclosureRecipient]
        let policy: ReleasePolicy
        let traceID: String
        /// The actioned referral's lawful gateway, recorded with every decision.
        let gateway: String
    }

    /// Reads each outcome, the current policy, each neighbourhood within the hop limit and each
    /// network's latest embargo, in two round trips whatever the number of outcomes; nil for an
    /// outcome that does not exist.
    func load(_ outcomeIDs: [Int64], on connection: PostgresConnection) async throws -> [Loaded?] {
        let first = try await connection.pipeline([PolicyQueries.all] + outcomeIDs.map { OutcomeQueries.load.binding($0) })
        var settings: [String: String] = [:]
        for setting in first[0] {
            settings[try setting.decode(String.self, "setting")] = try setting.decode(String.self, "value")
        }
        let policy = ReleasePolicy(settings: settings)
        let outcomes = first.dropFirst().map(\.single)
        var statements: [PostgresQuery] = []
        for row in outcomes {
            guard let row else { continue }
            let referralID = try row.decode(UUID.self, "referral_id")
            statements.append(NetworkQueries.recipients.binding(referralID, policy.recipientHopLimit, Self.maxRecipients))
            statements.append(NetworkQueries.latestEmbargo.binding(referralID))
        }
        var networks = try await connection.pipeline(statements)[...]
        return try zip(outcomeIDs, outcomes).map { outcomeID, row -> Loaded? in
            guard let row else { return nil }
            let rows = networks.removeFirst(), latest = try networks.removeFirst().single?.decode(Date?.self, "latest")
            return try Self.loaded(outcomeID, row, recipients: rows, latest: latest, policy: policy)
        }
    }

    private static func loaded(_ outcomeID: Int64, _ row: PostgresRow, recipients rows: PostgresRows, latest: Date?, policy: ReleasePolicy) throws -> Loaded? {
        let outcome = try JSONDecoder().decode(Outcome.self, from: Data(try row.decode(String.self, "outcome").utf8))
        let recipients = try rows.map { row in
            DisclosureRecipient(referral: try Self.source(row), hops: try row.decode(Int.self, "hops"))
        }
        guard let actioned = recipients.first(where: { $0.hops == 0 })?.referral else { return nil }
        let disclosure = DisclosureCase(
            outcomeID: outcomeID, outcome: outcome, note: Self.note(outcome.partnerNote, state: try row.decode(String?.self, "note_state")),
            actioned: actioned, linked: recipients.filter { $0.hops > 0 }.map(\.referral), latestNetworkEmbargo: latest)
        return Loaded(
            disclosure: disclosure, recipients: recipients, policy: policy, traceID: try row.decode(String.self, "trace_id"),
            gateway: try row.decode(String?.self, "gateway") ?? "")
    }

    private static func source(_ row: PostgresRow) throws -> DisclosureSource {
        DisclosureSource(
            referralID: try row.decode(UUID.self, "id").uuidString.lowercased(),
            partnerID: String(try row.decode(Int64.self, "partner_id")),
            partnerName: try row.decode(String.self, "partner_name"),
            markings: try JSONDecoder().decode(HandlingMarkings.self, from: Data(try row.decode(String.self, "markings").utf8)),
            indicatorKeys: Set(try row.decode([String].self, "keys")))
    }

    /// A note without a release row (recorded before migration 9, or seeded) stays held.
    private static func note(_ text: String?, state: String?) -> NoteRelease {
        guard let text else { return .none }
        switch state {
        case "approved": return .approved(text)
        case "refused": return .refused
        default: return .held
        }
    }
}
