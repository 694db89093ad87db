import Foundation
import ServiceKit

/// `occ targets list`.
enum TargetsListCommand: Command {
    static let path = ["targets", "list"]
    static let summary = "list the benefit targets per period"
    static let help = """
        usage: occ targets list

        Prints every benefit target, one per line, tab-separated: from, to (exclusive), measure, target.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let targets = try await Database.withOperatorPool { pool in try await BenefitTargetRegistry(pool: pool).list() }
        for target in targets { print([target.from, target.to, target.measure, target.target].joined(separator: "\t")) }
    }
}

/// `occ targets set --from DATE --to DATE MEASURE TARGET`.
enum TargetsSetCommand: Command {
    static let path = ["targets", "set"]
    static let summary = "set a benefit target for a period"
    static let help = """
        usage: occ targets set --from YYYY-MM-DD --to YYYY-MM-DD MEASURE TARGET

        Sets MEASURE's target for the period from --from to --to (exclusive, at most 366 days),
        replacing one already set. The console's benefits page shows it for exactly that period.
        MEASURE is one of received, tasked, accepted, with_outcome, judicial, money_protected_gbp,
        money_restrained_gbp, money_repatriated_gbp, disruptions; TARGET a number (two decimals
        at most). The change is audited.
        """
    static let valuedOptions: Set<String> = ["from", "to"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 2)
        let (from, to) = (try arguments.require("from"), try arguments.require("to"))
        let (measure, target) = (arguments.positionals[0], arguments.positionals[1])
        try await Database.withOperatorPool { pool in
            do {
                try await BenefitTargetRegistry(pool: pool).set(from: from, to: to, measure: measure, target: target)
            } catch let error as BenefitTargetRegistry.Invalid {
                throw UsageError(error.description)
            }
        }
        print("\(from)\t\(to)\t\(measure)\t\(target)")
    }
}
