import Domain
import Testing

@Suite struct LookupTests {
    static let phone = CanonicalIndicator(kind: .phone, value: "+447700900123")

    @Test func countsAppearOnlyFromTheSectorFloor() {
        let policy = LookupPolicy(sectorFloor: 3)
        let two = LookupAnswer(indicator: Self.phone, sighting: LookupSighting(sectors: 2, partners: 5), policy: policy)
        #expect(two.known && two.sectors == nil && two.partners == nil)
        let three = LookupAnswer(indicator: Self.phone, sighting: LookupSighting(sectors: 3, partners: 4), policy: policy)
        #expect(three.known && three.sectors == 3 && three.partners == 4)
        let unseen = LookupAnswer(indicator: Self.phone, sighting: nil, policy: policy)
        #expect(!unseen.known && unseen.sectors == nil)
    }

    @Test func requestsAreNormalisedAndBounded() throws {
        let body = try JSONValue(parsing: Array(#"{"indicators": [{"kind": "phone", "value": "07700 900123"}]}"#.utf8))
        let request = try LookupRequest.parse(body, limit: 1).get()
        #expect(request.indicators.map(\.key) == ["phone:+447700900123"])
        #expect(LookupRequest.parse(body, limit: 0) == .failure(.tooMany(count: 1, limit: 0)))

        let bad = try JSONValue(parsing: Array(#"{"indicators": [{"kind": "ipv4", "value": "999.1.1.1"}], "partner": 1}"#.utf8))
        guard case .failure(.invalid(let failure)) = LookupRequest.parse(bad, limit: 10) else {
            Issue.record("expected an invalid lookup")
            return
        }
        #expect(Set(failure.errors.map(\.path.description)) == ["indicators[0].value", "partner"])
        let empty = try JSONValue(parsing: Array(#"{"indicators": []}"#.utf8))
        guard case .failure(.invalid(let none)) = LookupRequest.parse(empty, limit: 10) else {
            Issue.record("expected an empty lookup to be refused")
            return
        }
        #expect(none.messages(at: "indicators") == ["must list at least one indicator"])
    }
}
