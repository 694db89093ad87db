import Domain
import Foundation
import Postgres
import ServiceKit

/// `occ retention list`.
enum RetentionListCommand: Command {
    static let path = ["retention", "list"]
    static let summary = "list the record classes and the retention rules"
    static let help = """
        usage: occ retention list

        Prints the record classes ('class', code, the actions it allows, description), then every
        retention rule, active ones first, tab-separated: id, class, crime type ('any' for every
        type), review period, action, 'active' or 'retired <time>', the live referrals it dates.
        'occ retention show ID' adds the legal basis and its source.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let (classes, rules) = try await Database.withOperatorPool { pool in
            let registry = RetentionRuleRegistry(pool: pool)
            return (try await registry.classes(), try await registry.list())
        }
        for item in classes {
            print(["class", item.code, item.actions.joined(separator: ","), item.description].joined(separator: "\t"))
        }
        for rule in rules {
            print([rule.id, rule.recordClass, rule.crimeType ?? "any", rule.reviewPeriod, rule.action.rawValue, state(rule),
                   "referrals=\(rule.referrals)"].joined(separator: "\t"))
        }
    }

    static func state(_ rule: RetentionRule) -> String {
        rule.retiredAt.map { "retired \(Timestamp.format($0))" } ?? "active"
    }
}

/// `occ retention show ID`.
enum RetentionShowCommand: Command {
    static let path = ["retention", "show"]
    static let summary = "show one retention rule with its legal basis and source"
    static let help = """
        usage: occ retention show ID

        Prints the rule's id, class, crime type, review period, action, legal basis, source,
        state and the live referrals it dates, one 'name: value' per line.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let id = arguments.positionals.first else { throw UsageError("give a rule id (see 'occ retention list')") }
        guard let rule = try await Database.withOperatorPool({ try await RetentionRuleRegistry(pool: $0).rule(id) }) else {
            throw UsageError("no retention rule \(id)")
        }
        print("""
            id: \(rule.id)
            class: \(rule.recordClass)
            crime type: \(rule.crimeType ?? "any")
            review period: \(rule.reviewPeriod)
            action: \(rule.action.rawValue)
            legal basis: \(rule.legalBasis)
            source: \(rule.source)
            state: \(RetentionListCommand.state(rule))
            referrals: \(rule.referrals)
            """)
    }
}

/// `occ retention add …`.
enum RetentionAddCommand: Command {
    static let path = ["retention", "add"]
    static let summary = "add a retention rule (re-dates the live referrals of its class)"
    static let help = """
        usage: occ retention add --id ID --class CLASS --period PERIOD --action ACTION
                                 --legal-basis TEXT --source TEXT [--crime-type TYPE]

          --id           lower-case letters, digits and hyphens, e.g. referral-tasked-cyber
          --class        a record class from 'occ retention list'
          --crime-type   a family (fraud, cyber) or a type (fraud.app_investment); default every type
          --period       review period from the record's last change of state: 6y, 18m, 2w, 90d
          --action       delete, anonymise, review or archive (the class says which it allows)
          --legal-basis  the law or agreement relied on; mark an unconfirmed reading [check]
          --source       where that reading comes from
        The most specific active rule of a class applies. Adding one re-dates every live
        referral of the class from its own clock, in the same transaction; audited.
        """
    static let valuedOptions: Set<String> = ["id", "class", "crime-type", "period", "action", "legal-basis", "source"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let checked = RetentionRuleDraft.check(
            id: try arguments.require("id"), recordClass: try arguments.require("class"), crimeType: arguments.string("crime-type"),
            period: try arguments.require("period"), action: try arguments.require("action"),
            legalBasis: try arguments.require("legal-basis"), source: try arguments.require("source"))
        let draft: RetentionRuleDraft
        switch checked {
        case .success(let value): draft = value
        case .failure(let problems): throw UsageError(problems.description)
        }
        let added = try await Database.withOperatorPool { pool in
            do {
                return try await RetentionRuleRegistry(pool: pool).add(draft, actor: "operator")
            } catch let error as PostgresError where error.sqlState == .foreignKeyViolation {
                throw UsageError("--class \(draft.recordClass) is not a record class (see 'occ retention list')")
            } catch let error as PostgresError where error.sqlState == .checkViolation {
                throw UsageError("--action \(draft.action.rawValue) is not allowed for class \(draft.recordClass) (see 'occ retention list')")
            }
        }
        guard let added else {
            throw UsageError("rule \(draft.id) exists, or an active rule already covers \(draft.recordClass) for \(draft.crimeType ?? "every crime type") (retire it first)")
        }
        print([added.id, added.recordClass, added.crimeType ?? "any", added.reviewPeriod, added.action.rawValue,
               "referrals=\(added.referrals)"].joined(separator: "\t"))
    }
}

/// `occ retention retire ID`.
enum RetentionRetireCommand: Command {
    static let path = ["retention", "retire"]
    static let summary = "retire a retention rule (its referrals are re-dated by the rules left)"
    static let help = """
        usage: occ retention retire ID

        Marks the rule retired now; rules are never deleted, so audit events naming one still
        resolve. Its live referrals are re-dated by the most specific rule still active for their
        class and crime type, or left with no review date (kept) when none is. Audited.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let id = arguments.positionals.first else { throw UsageError("give a rule id (see 'occ retention list')") }
        guard let rule = try await Database.withOperatorPool({ try await RetentionRuleRegistry(pool: $0).retire(id, actor: "operator") }) else {
            throw UsageError("no active retention rule \(id)")
        }
        print("\(rule.id)\t\(RetentionListCommand.state(rule))")
    }
}
