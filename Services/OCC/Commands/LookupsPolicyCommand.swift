import Foundation
import Postgres
import ServiceKit

/// `occ lookups policy [--sector-floor N] [--max-values N] [--per-minute N]`.
enum LookupsPolicyCommand: Command {
    static let path = ["lookups", "policy"]
    static let summary = "show or change the existence-safe lookup's policy"
    static let help = """
        usage: occ lookups policy [--sector-floor N] [--max-values N] [--per-minute N]

        Without options, prints the policy of POST /v1/lookups; with options, changes it first.
          --sector-floor N  counts are shown only for values known to at least N distinct
                            sectors (2 to 4; default 3)
          --max-values N    most indicator values per request, 1 to 1000 (default 100)
          --per-minute N    requests one partner may make per clock minute (default 30)
        Intake reads the policy on every lookup, so a change applies at once. It is audited.
        """
    static let valuedOptions: Set<String> = ["sector-floor", "max-values", "per-minute"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let floor = try optionalInt(arguments, "sector-floor", 2...4)
        let maxValues = try optionalInt(arguments, "max-values", 1...1000)
        let perMinute = try optionalInt(arguments, "per-minute", 1...100_000)
        let row = try await Database.withOperatorPool { pool in
            try await pool.transaction { connection in
                guard floor != nil || maxValues != nil || perMinute != nil else {
                    return try await connection.query(LookupPolicyQueries.read).single
                }
                let row = try await connection.query(LookupPolicyQueries.update.binding(floor, maxValues, perMinute)).single
                try await AuditLog.append(AuditEvent(
                    actor: "operator", action: "lookup_policy.changed", subjectType: "lookup_policy", subjectID: "1",
                    detail: try row.map(Self.describe) ?? [:]), on: connection)
                return row
            }
        }
        guard let row else { throw UsageError("the lookup policy row is missing; run 'occ migrate'") }
        for (name, value) in try describe(row).sorted(by: { $0.key < $1.key }) { print("\(name): \(value)") }
    }

    private static func describe(_ row: PostgresRow) throws -> [String: String] {
        ["sector_floor": String(try row.decode(Int.self, "sector_floor")), "max_values": String(try row.decode(Int.self, "max_values")),
         "requests_per_minute": String(try row.decode(Int.self, "requests_per_minute"))]
    }

    private static func optionalInt(_ arguments: Arguments, _ name: String, _ range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = arguments.string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
