import Foundation
import Postgres

/// The Pursue benefits report: referrals received, tasked and with an outcome, and median time
/// from receipt to tasking and to outcome, per partner, sector, crime type and agency.
/// For an agency, "received" counts the referrals tasked to it.
struct BenefitsReport: Encodable, Sendable {
    /// One line of the report.
    struct Line: Encodable, Sendable, Equatable {
        let key: String
        let received: Int
        let tasked: Int
        let withOutcome: Int
        let medianSecondsToTasking: Double?
        let medianSecondsToOutcome: Double?

        init(row: PostgresRow) throws {
            key = try row.decode(String.self, "key")
            received = try row.decode(Int.self, "received")
            tasked = try row.decode(Int.self, "tasked")
            withOutcome = try row.decode(Int.self, "with_outcome")
            medianSecondsToTasking = try row.decode(Double?.self, "to_tasking")
            medianSecondsToOutcome = try row.decode(Double?.self, "to_outcome")
        }

        private enum CodingKeys: String, CodingKey {
            case key, received, tasked
            case withOutcome = "with_outcome"
            case medianSecondsToTasking = "median_seconds_to_tasking"
            case medianSecondsToOutcome = "median_seconds_to_outcome"
        }
    }

    let generatedAt: Date
    let total: Line?
    let byPartner: [Line]
    let bySector: [Line]
    let byCrimeType: [Line]
    let byAgency: [Line]

    /// Sorts the rows of `BenefitsQueries` into the report's sections by their `dimension`.
    init(rows: [PostgresRow], generatedAt: Date) throws {
        var sections: [String: [Line]] = [:]
        for row in rows {
            sections[try row.decode(String.self, "dimension"), default: []].append(try Line(row: row))
        }
        self.generatedAt = generatedAt
        total = sections["total"]?.first
        byPartner = sections["partner"] ?? []
        bySector = sections["sector"] ?? []
        byCrimeType = sections["crime_type"] ?? []
        byAgency = sections["agency"] ?? []
    }

    private enum CodingKeys: String, CodingKey {
        case total
        case generatedAt = "generated_at"
        case byPartner = "by_partner"
        case bySector = "by_sector"
        case byCrimeType = "by_crime_type"
        case byAgency = "by_agency"
    }
}
