import Domain
import Foundation
import Testing

@Suite struct TAXIIQueryTests {
    private func parse(_ pairs: [(String, String)]) -> Result<TAXIIQuery, ValidationFailure> {
        TAXIIQuery.parse(pairs.map { (name: $0.0, value: $0.1) })
    }

    @Test func defaults() throws {
        let query = try parse([]).get()
        #expect(query.after == FeedCursor.start("taxii"))
        #expect(query.limit == 100)
        #expect(query.version == .last)
        #expect(query.addedAfter == nil && query.types.isEmpty && query.ids.isEmpty && query.specVersionMatches)
    }

    @Test func everyParameter() throws {
        let next = FeedCursor(stream: "taxii", transaction: 812, sequence: 3)
        let query = try parse([
            ("added_after", "2026-03-01T09:30:00+01:00"), ("limit", "25"), ("next", next.description),
            ("match[type]", "indicator,sighting"), ("match[id]", "indicator--0C4D3A1C-6A0E-4D2C-8B8F-3D4B1E0F5A11"),
            ("match[version]", "2026-03-01T09:30:00.25Z,2026-03-02T00:00:00Z"), ("match[spec_version]", "2.0,2.1"), ("other", "ignored"),
        ]).get()
        #expect(query.addedAfter == date("2026-03-01T08:30:00Z"))
        #expect(query.limit == 25 && query.after == next)
        #expect(query.types == ["indicator", "sighting"])
        #expect(query.ids == ["indicator--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a11"])
        #expect(query.version == .versions(["2026-03-01T09:30:00.250Z", "2026-03-02T00:00:00.000Z"]))
        #expect(query.specVersionMatches)
        #expect(try parse([("match[version]", "first")]).get().version == .first)
        #expect(try parse([("match[version]", "all")]).get().version == .all)
        #expect(try parse([("match[spec_version]", "2.0")]).get().specVersionMatches == false)
    }

    @Test func everyProblemIsNamedAtOnce() {
        guard case .failure(let failure) = parse([
            ("limit", "0"), ("added_after", "2026-02-30T00:00:00Z"), ("next", FeedCursor.start("feedback").description),
            ("match[type]", "Indicator"), ("match[id]", "url--1234"), ("match[version]", "newest"), ("match[spec_version]", "2.2"),
            ("match[colour]", "red"),
        ]) else {
            Issue.record("accepted")
            return
        }
        #expect(Set(failure.errors.map(\.path.description)) == [
            "limit", "added_after", "next", "match[type]", "match[id]", "match[version]", "match[spec_version]", "match[colour]",
        ])
        #expect(failure.messages(at: "added_after").first?.contains("28 days") == true)
        guard case .failure(let repeated) = parse([("limit", "5"), ("limit", "6")]) else {
            Issue.record("accepted a repeated parameter")
            return
        }
        #expect(repeated.messages(at: "limit") == ["given more than once: use one comma-separated list"])
    }

    @Test func collectionsHaveFixedVersion4Ids() {
        for collection in TAXIICollection.allCases {
            #expect(TAXIICollection(id: collection.id.uppercased()) == collection)
            #expect(Array(collection.id)[14] == "4")
        }
        #expect(Set(TAXIICollection.allCases.map(\.id)).count == TAXIICollection.allCases.count)
        #expect(TAXIICollection.allCases.count == 4)
        #expect(TAXIICollection(id: "00000000-0000-4000-8000-000000000000") == nil)
        #expect(TAXIIQuery.objectID("note--0C4D3A1C-6A0E-4D2C-8B8F-3D4B1E0F5A11") == "note--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a11")
        #expect(TAXIIQuery.objectID("not-an-id") == nil)
        // Type names are lower-case (STIX 2.1 §3.1).
        #expect(TAXIIQuery.objectID("Note--0c4d3a1c-6a0e-4d2c-8b8f-3d4b1e0f5a11") == nil)
    }
}
