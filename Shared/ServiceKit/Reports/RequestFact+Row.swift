import Domain
import Foundation
import Postgres

extension RequestFact {
    /// A row of `RequestFigureQueries.facts`.
    init(row: PostgresRow) throws {
        let status = try row.decode(String.self, "status")
        guard let state = RequestStatus(rawValue: status) else {
            throw PostgresError(.decoding, queryName: "request_figures_facts", reason: "unknown request status \(status)")
        }
        self.init(
            addressedSectors: Set(try row.decode([String].self, "addressed_sectors").compactMap(Sector.init(rawValue:))),
            completedSector: try row.decode(String?.self, "completed_sector").flatMap(Sector.init(rawValue:)), status: state,
            raisedAt: try row.decode(Date.self, "raised_at"), deadline: try row.decode(Date.self, "deadline"),
            completedAt: try row.decode(Date?.self, "completed_at"), addressedPartners: Set(try row.decode([String].self, "addressed_partners")),
            completedPartner: try row.decode(String?.self, "completed_partner"), crimeType: try row.decode(String.self, "crime_type"),
            agency: try row.decode(String.self, "agency_code"))
    }
}
