import Domain
import Foundation
import ServiceKit

/// `occ partners webhook deliveries`: the operator's view of deliveries, dead letters first of all.
enum PartnersWebhookDeliveriesCommand: Command {
    static let path = ["partners", "webhook", "deliveries"]
    static let summary = "list webhook deliveries (default: the dead letters) of one partner or all"
    static let help = """
        usage: occ partners webhook deliveries [--partner ID] [--state dead|pending|delivered|all] [--limit N]

        Newest first, one line each: event id, partner, type, state, attempts, last status and
        error. --state defaults to dead (deliveries whose retries ran out); --limit to 100 (at most
        1000). Retry dead letters with 'occ partners webhook retry'.
        """
    static let valuedOptions: Set<String> = ["partner", "state", "limit"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let partner = arguments.string("partner") == nil ? nil : try WebhookArguments.partner(arguments)
        let stateText = arguments.string("state") ?? "dead"
        let state = WebhookDelivery.State(rawValue: stateText)
        guard state != nil || stateText == "all" else { throw UsageError("--state must be dead, pending, delivered or all") }
        let limit = try arguments.int("limit", default: 100)
        guard (1...1000).contains(limit) else { throw UsageError("--limit must be 1 to 1000") }
        let list = try await Database.withOperatorPool {
            try await WebhookRegistry(pool: $0).deliveries(partnerID: partner, state: state, limit: limit)
        }
        for delivery in list {
            print([delivery.eventID.uuidString.lowercased(), "partner \(delivery.partnerID)", delivery.type, delivery.state.rawValue,
                   "attempts \(delivery.attempts)", delivery.lastStatus.map { "HTTP \($0)" } ?? "-", delivery.lastError ?? "-"]
                .joined(separator: "\t"))
        }
        progressLine("\(list.count) deliveries")
    }
}

/// `occ partners webhook retry`.
enum PartnersWebhookRetryCommand: Command {
    static let path = ["partners", "webhook", "retry"]
    static let summary = "send a partner's dead-lettered webhook deliveries again"
    static let help = """
        usage: occ partners webhook retry --partner ID [--event EVENT_ID]

        Puts the partner's dead letters (or only EVENT_ID) back in the queue with a fresh retry
        window and prints their event ids. Exits 1 when there was none. The change is audited.
        """
    static let valuedOptions: Set<String> = ["partner", "event"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let partner = try WebhookArguments.partner(arguments)
        var event: UUID?
        if let text = arguments.string("event") {
            guard let id = UUID(uuidString: text) else { throw UsageError("--event must be an event id (a UUID)") }
            event = id
        }
        let ids = try await Database.withOperatorPool { try await WebhookRegistry(pool: $0).retry(partnerID: partner, eventID: event) }
        guard !ids.isEmpty else { throw CommandExit(status: 1, description: "partner \(partner) has no dead-lettered delivery\(event == nil ? "" : " with that id")") }
        for id in ids { print(id.uuidString.lowercased()) }
        progressLine("\(ids.count) deliveries queued again")
    }
}
