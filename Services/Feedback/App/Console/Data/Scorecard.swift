import Postgres

/// One partner's referral quality for a period (`ScorecardQueries`).
struct Scorecard: Sendable, Hashable {
    let partnerID: Int64
    let name: String
    let sector: String
    let received: Int
    let tasked: Int
    let withOutcome: Int
    let corroborated: Int
    let medianSecondsToAction: Double?

    init(row: PostgresRow) throws {
        partnerID = try row.decode(Int64.self, "id")
        name = try row.decode(String.self, "name")
        sector = try row.decode(String.self, "sector")
        received = try row.decode(Int.self, "received")
        tasked = try row.decode(Int.self, "tasked")
        withOutcome = try row.decode(Int.self, "with_outcome")
        corroborated = try row.decode(Int.self, "corroborated")
        medianSecondsToAction = try row.decode(Double?.self, "to_action")
    }
}
