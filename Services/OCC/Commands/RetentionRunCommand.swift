import Domain
import Foundation
import Postgres
import ServiceKit

/// `occ retention due`.
enum RetentionDueCommand: Command {
    static let path = ["retention", "due"]
    static let summary = "list referrals whose review date has passed"
    static let help = """
        usage: occ retention due [--class CLASS] [--limit N] [--now TIME]

        Lists the live referrals due for review at --now (RFC 3339; default now), oldest review
        date first, at most --limit (default 100), tab-separated: id, reference, class, rule,
        action, review date, then sightings=, links=, network= and feedback= (what would go
        with it) and 'held' when a legal hold covers it (a held referral is never disposed of).
        --class is one of referral_untasked, referral_tasked, referral_judicial. Read-only:
        the operator login is enough.
        """
    static let valuedOptions: Set<String> = ["class", "limit", "now"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let (recordClass, limit, now) = try RetentionRunCommand.selection(arguments)
        let due = try await Database.withOperatorPool { pool in
            try await pool.withConnection { try await RetentionDisposer(actor: "operator").due(asOf: now, recordClass: recordClass, limit: limit, on: $0) }
        }
        due.forEach { print($0.line) }
    }
}

/// `occ retention run`.
enum RetentionRunCommand: Command {
    static let path = ["retention", "run"]
    static let summary = "dispose of referrals past review now, or --dry-run to print what would go"
    static let help = """
        usage: occ retention run [--dry-run] [--class CLASS] [--limit N] [--batch N] [--now TIME]

        Applies each due referral's rule, as the periodic job does: 'anonymise' strips what
        identifies anyone and removes its indicators, sightings, links, network membership and
        feedback items; 'review' sets it aside for a person ('occ retention reviews'). Held
        referrals are skipped. Batches of --batch (default 100), each one transaction with one
        audit event per referral naming its rule; at most --limit (default 10000). Prints one
        line per referral as 'occ retention due' does. --dry-run prints exactly what a run
        would take, in order, and changes nothing (the operator login is enough for it); a
        real run needs a login of the occ_retention role ('occ logins add --service retention').
        --now (RFC 3339) is the clock the review dates are compared with (default now).
        """
    static let valuedOptions: Set<String> = ["class", "limit", "batch", "now"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, flags: ["dry-run"])
        let (recordClass, limit, now) = try selection(arguments, defaultLimit: 10_000)
        let batch = try arguments.int("batch", default: 100)
        guard (1...10_000).contains(batch) else { throw UsageError("--batch must be from 1 to 10000") }
        let disposer = RetentionDisposer(actor: "operator")
        try await Database.withOperatorPool { pool in
            if arguments.flag("dry-run") {
                let plan = try await pool.withConnection { try await disposer.plan(asOf: now, recordClass: recordClass, limit: limit, on: $0) }
                plan.forEach { emit($0.line) }
                progressLine("dry run: \(plan.count) referral(s) would be disposed of; nothing changed")
                return
            }
            do {
                let total = try await disposer.run(asOf: now, recordClass: recordClass, limit: limit, batchSize: batch, pool: pool) { done in
                    done.forEach { emit($0.line) }
                }
                progressLine("disposed of \(total) referral(s)")
            } catch let error as PostgresError where error.sqlState == .insufficientPrivilege {
                throw CommandExit(status: 1, description: "this login may not dispose of records: run it as a login of the occ_retention role (\(error))")
            }
        }
    }

    /// --class, --limit and --now, checked.
    static func selection(_ arguments: Arguments, defaultLimit: Int = 100) throws -> (String?, Int, Date) {
        let recordClass = arguments.string("class")
        let classes = RetentionDisposer.referralClasses + [RetentionDisposer.deliveryClass]
        if let recordClass, !classes.contains(recordClass) {
            throw UsageError("--class must be one of \(classes.joined(separator: ", ")); the other classes go with their referral")
        }
        let limit = try arguments.int("limit", default: defaultLimit)
        guard (1...1_000_000).contains(limit) else { throw UsageError("--limit must be from 1 to 1000000") }
        var now = Date()
        if let text = arguments.string("now") {
            guard let parsed = Timestamp.parse(text) else { throw UsageError("--now must be an RFC 3339 time, e.g. 2032-01-01T00:00:00Z") }
            now = parsed
        }
        return (recordClass, limit, now)
    }
}
