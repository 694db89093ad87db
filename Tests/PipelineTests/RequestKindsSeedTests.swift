import Domain
import Postgres
import Testing
import TestSupport

/// Migration 14's `request_kinds` rows against the code that names the same disruptions.
@Suite("Schema: the seeded request kinds")
struct RequestKindsSeedTests {
    @Test("every seeded kind is a disruption kind of one of its acting sectors, offered for each of its indicator kinds")
    func seedAgreesWithDisruptionKinds() async throws {
        let database = try await TestDatabase.create()
        let pool = database.pool()
        let rows = try await pool.query(PostgresQuery("test_request_kinds", "SELECT code, acting_sectors, indicator_kinds FROM request_kinds"))
        await pool.close()
        #expect(rows.count == 10)
        for row in rows {
            let code = try row.decode(String.self, "code")
            let disruption = try #require(DisruptionKind(rawValue: code), "\(code) is not a DisruptionKind")
            let sectors = try row.decode([String].self, "acting_sectors").compactMap(Sector.init(rawValue:))
            #expect(sectors.contains(disruption.actingSector), "\(code)")
            for kind in try row.decode([String].self, "indicator_kinds") {
                let indicator = try #require(IndicatorKind(rawValue: kind), "\(code): \(kind)")
                #expect(DisruptionKind.suggestions(for: indicator).contains(disruption), "\(code) on \(kind)")
            }
        }
    }
}
