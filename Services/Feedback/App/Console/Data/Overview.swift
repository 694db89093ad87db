import Domain
import Foundation
import Postgres

/// The overview's figures for a period and the one before it, per agency team and per sector,
/// read in one repeatable-read transaction so every figure is of one snapshot.
struct Overview: Sendable {
    struct Row: Sendable {
        let key: String
        let current: OverviewLine
        let previous: OverviewLine
    }

    let teams: [Row]
    let sectors: [Row]

    static func load(_ period: ConsolePeriod, now: Date, pool: PostgresPool) async throws -> Overview {
        let (current, previous, agencies) = try await pool.transaction(isolation: .repeatableRead) { connection in
            (try await lines(period, now: now, on: connection), try await lines(period.previous, now: now, on: connection),
             try await connection.query(OverviewQueries.agencies).map { try $0.decode(String.self, "code") })
        }
        func rows(_ dimension: String, _ keys: [String]) -> [Row] {
            keys.map { Row(key: $0, current: current[dimension]?[$0] ?? OverviewLine(), previous: previous[dimension]?[$0] ?? OverviewLine()) }
        }
        return Overview(teams: rows("agency", agencies), sectors: rows("sector", Sector.allCases.map(\.rawValue)))
    }

    /// The lines of one period by dimension and key.
    private static func lines(_ period: ConsolePeriod, now: Date, on connection: PostgresConnection) async throws -> [String: [String: OverviewLine]] {
        let at = min(period.to, now)
        var lines: [String: [String: OverviewLine]] = [:]
        for row in try await connection.query(OverviewQueries.figures.binding(period.from, period.to, at)) {
            lines[try row.decode(String.self, "dimension"), default: [:]][try row.decode(String.self, "key")] = try OverviewLine(row: row)
        }
        for row in try await connection.query(OverviewQueries.overdueRequests.binding(at)) {
            let (dimension, key) = (try row.decode(String.self, "dimension"), try row.decode(String.self, "key"))
            lines[dimension, default: [:]][key, default: OverviewLine()].overdueRequests = try row.decode(Int.self, "overdue")
        }
        return lines
    }
}
