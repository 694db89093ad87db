import Domain
import Foundation
import HTTP
import ServiceKit

/// `occ report benefits [--from T] [--to T] [--by DIMENSION] [--format json|csv]`: the oversight
/// benefits report, from the same code as `GET /v1/reports/benefits` on the feedback service.
enum ReportBenefitsCommand: Command {
    static let path = ["report", "benefits"]
    static let summary = "print the Pursue benefits report (the figures GET /v1/reports/benefits gives)"
    static let help = """
        usage: occ report benefits [--from T] [--to T] [--by partner|sector|crime_type|agency] [--format json|csv]

        Prints the benefits report for the referrals received at or after --from and before --to
        (RFC 3339 instants; either may be left out), in total and by one dimension (--by) or all
        four, as JSON (default) or CSV. The figures come from the same queries as the feedback
        service's GET /v1/reports/benefits, in one snapshot; docs/benefits.md says what they mean.
        Reads as the operator (DATABASE_URL).
        """
    static let valuedOptions: Set<String> = ["from", "to", "by", "format"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let items = ["from", "to", "by", "format"].compactMap { name in arguments.string(name).map { (name: name, value: $0) } }
        let query: BenefitsQuery
        switch BenefitsQuery.parse(items) {
        case .success(let parsed): query = parsed
        case .failure(let failure):
            throw UsageError(failure.errors.map { "--\($0.path.description): \($0.message)" }.joined(separator: "; "))
        }
        let report = try await Database.withOperatorPool { try await BenefitsReport.load(query, pool: $0, generatedAt: Date()) }
        switch query.format {
        case .json: print(String(decoding: try JSONCoding.encoder().encode(report), as: UTF8.self))
        case .csv: FileHandle.standardOutput.write(Data(report.csv.utf8))
        }
    }
}
