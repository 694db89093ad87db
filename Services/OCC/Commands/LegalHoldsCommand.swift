import Domain
import Foundation
import Postgres
import ServiceKit

/// `occ retention hold`.
enum RetentionHoldCommand: Command {
    static let path = ["retention", "hold"]
    static let summary = "place a legal hold on a referral or a network"
    static let help = """
        usage: occ retention hold (--referral UUID | --network ID) --reason TEXT [--until TIME]

        A held referral — or any member of a held network, including networks merged into it
        later — is never disposed of while the hold is in force (until --until, RFC 3339, or
        until released with 'occ retention release'). Audited; listed by 'occ retention holds'.
        """
    static let valuedOptions: Set<String> = ["referral", "network", "reason", "until"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let subject: LegalHold.Subject
        switch (arguments.string("referral"), arguments.string("network")) {
        case (let referral?, nil):
            guard let id = UUID(uuidString: referral) else { throw UsageError("--referral must be a referral's UUID") }
            subject = .referral(id)
        case (nil, let network?):
            guard let id = Int64(network), id > 0 else { throw UsageError("--network must be a network id") }
            subject = .network(id)
        default: throw UsageError("give exactly one of --referral or --network")
        }
        var until: Date?
        if let text = arguments.string("until") {
            guard let parsed = Timestamp.parse(text) else { throw UsageError("--until must be an RFC 3339 time") }
            until = parsed
        }
        let draft: LegalHoldDraft
        switch LegalHoldDraft.check(reason: try arguments.require("reason"), until: until, now: Date()) {
        case .success(let value): draft = value
        case .failure(let problem): throw UsageError("--\(problem.description)")
        }
        guard let hold = try await Database.withOperatorPool({ try await LegalHoldRegistry(pool: $0).place(draft, on: subject, placedBy: "operator") }) else {
            throw UsageError("no such \(arguments.string("referral") == nil ? "network" : "referral")")
        }
        print(RetentionHoldsCommand.line(hold))
    }
}

/// `occ retention release ID`.
enum RetentionReleaseCommand: Command {
    static let path = ["retention", "release"]
    static let summary = "release a legal hold"
    static let help = """
        usage: occ retention release HOLD-ID

        Ends the hold now (it stays listed with --all); the records it covered are disposed of
        at their review date unless another hold covers them. Audited.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let text = arguments.positionals.first, let id = Int64(text) else { throw UsageError("give a hold id (see 'occ retention holds')") }
        guard let hold = try await Database.withOperatorPool({ try await LegalHoldRegistry(pool: $0).release(id, by: "operator") }) else {
            throw UsageError("no hold \(id) in force")
        }
        print(RetentionHoldsCommand.line(hold))
    }
}

/// `occ retention holds`.
enum RetentionHoldsCommand: Command {
    static let path = ["retention", "holds"]
    static let summary = "list legal holds (for oversight)"
    static let help = """
        usage: occ retention holds [--all]

        Lists the holds in force (with --all, every hold ever placed), newest first,
        tab-separated: id, referral:UUID or network:ID, placed by, agency ('-' for the
        operator), placed at, until ('open' until released), released at ('-'), reason.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, flags: ["all"])
        let holds = try await Database.withOperatorPool { try await LegalHoldRegistry(pool: $0).list(asOf: Date(), all: arguments.flag("all")) }
        holds.forEach { print(line($0)) }
    }

    static func line(_ hold: LegalHold) -> String {
        [String(hold.id), hold.subjectText, hold.placedBy, hold.agencyCode ?? "-", Timestamp.format(hold.placedAt),
         hold.until.map(Timestamp.format) ?? "open", hold.releasedAt.map(Timestamp.format) ?? "-", hold.reason]
            .joined(separator: "\t")
    }
}
