import Domain
import Foundation
import Postgres
import ServiceKit

/// `occ partners webhook set|rotate|show|test|disable`: a partner's webhook endpoint (docs/webhooks.md).
enum PartnersWebhookSetCommand: Command {
    static let path = ["partners", "webhook", "set"]
    static let summary = "register or change a partner's webhook endpoint (the first secret is printed once)"
    static let help = """
        usage: occ partners webhook set --partner ID --url http://HOST[:PORT]/PATH

        Registers the partner's endpoint, or replaces it, and enables it. The first time, a signing
        secret 'whsec_…' is made and printed once: hand it to the partner now. Released feedback is
        then posted to the URL, signed (docs/webhooks.md). Only http URLs are accepted. The change
        is audited.
        """
    static let valuedOptions: Set<String> = ["partner", "url"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let partner = try WebhookArguments.partner(arguments)
        let url: WebhookURL
        do {
            url = try WebhookURL(try arguments.require("url"))
        } catch let error as WebhookURLError {
            throw UsageError("--url: \(error)")
        }
        let secret = try await Database.withOperatorPool { pool in
            do {
                return try await WebhookRegistry(pool: pool).set(partnerID: partner, url: url)
            } catch let error as PostgresError where error.sqlState == .foreignKeyViolation {
                throw CommandExit(status: 1, description: "no partner with id \(partner)")
            }
        }
        print("partner \(partner) webhook \(url)")
        if let secret {
            progressLine("signing secret (shown only now):")
            print(secret)
        }
    }
}

/// `occ partners webhook rotate`.
enum PartnersWebhookRotateCommand: Command {
    static let path = ["partners", "webhook", "rotate"]
    static let summary = "give a partner a new webhook signing secret; the old one signs on for the overlap"
    static let help = """
        usage: occ partners webhook rotate --partner ID [--overlap-hours N]

        Makes a new signing secret and prints it once. Until the overlap ends (default 24 hours,
        at most 168) every delivery carries a signature with each active secret, so the partner
        can switch at leisure. The change is audited.
        """
    static let valuedOptions: Set<String> = ["partner", "overlap-hours"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let partner = try WebhookArguments.partner(arguments)
        let hours = try arguments.int("overlap-hours", default: 24)
        guard hours <= 168 else { throw UsageError("--overlap-hours must be 0 to 168") }
        let secret = try await Database.withOperatorPool { pool in
            do {
                return try await WebhookRegistry(pool: pool).rotate(partnerID: partner, overlap: .seconds(hours * 3600))
            } catch let refusal as RegistryRefusal {
                throw CommandExit(status: 1, description: refusal.description)
            }
        }
        progressLine("new signing secret for partner \(partner) (shown only now); the previous one signs for \(hours) more hours:")
        print(secret)
    }
}

/// `occ partners webhook show`.
enum PartnersWebhookShowCommand: Command {
    static let path = ["partners", "webhook", "show"]
    static let summary = "show a partner's webhook endpoint and its active secrets' dates"
    static let help = """
        usage: occ partners webhook show --partner ID

        Prints the URL, whether it is enabled, and each active secret's id, creation and expiry
        (never the secret itself). Exits 1 when the partner has no endpoint.
        """
    static let valuedOptions: Set<String> = ["partner"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let partner = try WebhookArguments.partner(arguments)
        guard let endpoint = try await Database.withOperatorPool({ try await WebhookRegistry(pool: $0).endpoint(partnerID: partner) }) else {
            throw CommandExit(status: 1, description: "partner \(partner) has no webhook endpoint")
        }
        print("\(endpoint.url)\t\(endpoint.enabled ? "enabled" : "disabled")")
        for secret in endpoint.secrets {
            print("secret \(secret.id)\tcreated \(Timestamp.format(secret.createdAt))\t\(secret.expiresAt.map { "expires \(Timestamp.format($0))" } ?? "current")")
        }
    }
}

/// `occ partners webhook test`.
enum PartnersWebhookTestCommand: Command {
    static let path = ["partners", "webhook", "test"]
    static let summary = "send a partner a signed webhook.test event"
    static let help = """
        usage: occ partners webhook test --partner ID

        Queues a 'webhook.test' event for the partner's endpoint and prints its event id; the
        feedback service delivers it like any other (see 'occ partners webhook deliveries').
        Exits 1 when the partner has no enabled endpoint.
        """
    static let valuedOptions: Set<String> = ["partner"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let partner = try WebhookArguments.partner(arguments)
        guard let id = try await Database.withOperatorPool({ try await WebhookRegistry(pool: $0).test(partnerID: partner) }) else {
            throw CommandExit(status: 1, description: "partner \(partner) has no enabled webhook endpoint")
        }
        print(id.uuidString.lowercased())
    }
}

/// `occ partners webhook disable`.
enum PartnersWebhookDisableCommand: Command {
    static let path = ["partners", "webhook", "disable"]
    static let summary = "stop webhook deliveries to a partner"
    static let help = """
        usage: occ partners webhook disable --partner ID

        No more events are raised for the partner; deliveries still pending become dead letters
        when next tried ('occ partners webhook retry' sends them once an endpoint is set again).
        Exits 1 when there was no enabled endpoint. The change is audited.
        """
    static let valuedOptions: Set<String> = ["partner"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let partner = try WebhookArguments.partner(arguments)
        guard try await Database.withOperatorPool({ try await WebhookRegistry(pool: $0).disable(partnerID: partner) }) else {
            throw CommandExit(status: 1, description: "partner \(partner) has no enabled webhook endpoint")
        }
        print("partner \(partner) webhook disabled")
    }
}

/// Options the webhook commands share.
enum WebhookArguments {
    static func partner(_ arguments: Arguments) throws(UsageError) -> Int64 {
        guard let id = Int64(try arguments.require("partner")), id > 0 else { throw UsageError("--partner must be a partner id") }
        return id
    }
}
