import Domain
import Foundation
import ServiceKit

/// `occ retention reviews`.
enum RetentionReviewsCommand: Command {
    static let path = ["retention", "reviews"]
    static let summary = "list referrals a rule escalated to a person's review"
    static let help = """
        usage: occ retention reviews [--limit N]

        Lists the live referrals whose rule's action is 'review' and whose review date has
        passed, oldest request first, at most --limit (default 100), tab-separated: id,
        reference, class, rule, review date, when review was requested, and 'held' when a hold
        covers it. Decide each with 'occ retention keep'.
        """
    static let valuedOptions: Set<String> = ["limit"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let limit = try arguments.int("limit", default: 100)
        guard (1...100_000).contains(limit) else { throw UsageError("--limit must be from 1 to 100000") }
        try await Database.withOperatorPool { try await RetentionReviews(pool: $0).list(limit: limit) }.forEach { print($0) }
    }
}

/// `occ retention keep`.
enum RetentionKeepCommand: Command {
    static let path = ["retention", "keep"]
    static let summary = "keep a referral for a further period (a reviewer's decision)"
    static let help = """
        usage: occ retention keep REFERRAL-UUID --period PERIOD --reason TEXT

        Restarts the referral's retention clock now with a review date --period (6y, 18m, 2w,
        90d) away and takes it off the review list; the reason is audited
        ('retention.kept'). Works on any live referral, due or not.
        """
    static let valuedOptions: Set<String> = ["period", "reason"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let text = arguments.positionals.first, let id = UUID(uuidString: text) else { throw UsageError("give a referral's UUID") }
        guard let period = RetentionPeriod(try arguments.require("period")) else {
            throw UsageError("--period must be a number and a unit (y, m, w or d), e.g. 6y, at most a century")
        }
        let reason = try arguments.require("reason")
        guard (3...1000).contains(reason.trimmingCharacters(in: .whitespaces).count) else { throw UsageError("--reason must be 3–1000 characters") }
        guard let reviewAt = try await Database.withOperatorPool({
            try await RetentionReviews(pool: $0).keep(id, for: period, reason: reason, actor: "operator")
        }) else { throw UsageError("no live referral \(text)") }
        print("\(id.uuidString.lowercased())\tkept\treview at \(Timestamp.format(reviewAt))")
    }
}
