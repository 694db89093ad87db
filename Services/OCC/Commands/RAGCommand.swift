import Domain
import Foundation
import ServiceKit

/// `occ rag list`.
enum RAGListCommand: Command {
    static let path = ["rag", "list"]
    static let summary = "list the console's RAG rules and the oversight floor"
    static let help = """
        usage: occ rag list

        Prints each measure's RAG rule, one per line, tab-separated: measure, which way is better
        (higher or lower), green threshold, amber threshold, the rule in words; then the oversight
        floor (counts below it are suppressed for the oversight role).
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let (rules, floor) = try await Database.withOperatorPool { pool in
            let registry = RAGThresholdRegistry(pool: pool)
            return (try await registry.rules(), try await registry.floor())
        }
        for measure in RAGRule.measures {
            guard let rule = rules[measure] else { continue }
            print([measure, rule.better.rawValue, RAGRule.number(rule.green), RAGRule.number(rule.amber), rule.text].joined(separator: "\t"))
        }
        print("oversight_floor\t\(floor.value)")
    }
}

/// `occ rag set MEASURE --better higher|lower --green N --amber N`.
enum RAGSetCommand: Command {
    static let path = ["rag", "set"]
    static let summary = "set a measure's RAG thresholds"
    static let help = """
        usage: occ rag set MEASURE --better higher|lower --green N --amber N

        Sets MEASURE's rule (sla_compliance_pct, backlog, overdue_taskings, overdue_requests):
        green at N or better, amber at the amber threshold or better, red beyond. When higher is
        better green must be at least amber; when lower is better, at most. The console uses the
        new rule on its next page. The change is audited.
        """
    static let valuedOptions: Set<String> = ["better", "green", "amber"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let better = RAGRule.Better(rawValue: try arguments.require("better")) else { throw UsageError("--better must be higher or lower") }
        guard let green = Double(try arguments.require("green")), let amber = Double(try arguments.require("amber")) else {
            throw UsageError("--green and --amber must be numbers")
        }
        let rule: RAGRule
        do {
            rule = try RAGRule(measure: arguments.positionals[0], better: better, green: green, amber: amber)
        } catch {
            throw UsageError(error.description)
        }
        try await Database.withOperatorPool { pool in try await RAGThresholdRegistry(pool: pool).set(rule) }
        print("\(rule.measure)\t\(rule.text)")
    }
}

/// `occ rag floor N`.
enum RAGFloorCommand: Command {
    static let path = ["rag", "floor"]
    static let summary = "set the oversight role's suppression floor"
    static let help = """
        usage: occ rag floor N

        Sets the floor (1 to 1000, default 5) below which the console shows the oversight role a
        count as "<N" rather than its value, with anything derived from it. The change is audited.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let value = Int(arguments.positionals[0]), (1...1000).contains(value) else { throw UsageError("the floor must be 1 to 1000") }
        try await Database.withOperatorPool { pool in try await RAGThresholdRegistry(pool: pool).setFloor(value) }
        print("oversight_floor\t\(value)")
    }
}
