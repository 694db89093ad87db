import Domain
import Foundation
import Testing

/// The one RFC 3339 parser every service uses: real calendar and range checks, never a value
/// PostgreSQL would refuse.
@Suite struct TimestampTests {
    @Test(arguments: [
        ("2026-02-30T00:00:00Z", "day 30 is not in 2026-02, which has 28 days"),
        ("2023-02-29T00:00:00Z", "day 29 is not in 2023-02, which has 28 days"),
        ("1900-02-29T00:00:00Z", "day 29 is not in 1900-02, which has 28 days"),
        ("2026-04-31T00:00:00Z", "day 31 is not in 2026-04, which has 30 days"),
        ("0000-01-01T00:00:00Z", "year 0000 does not exist; years run from 0001 to 9999"),
        ("2026-01-01T00:00:00+24:00", "offset 24:00 is not within ±23:59"),
        ("2026-01-01T00:00:00+23:60", "offset 23:60 is not within ±23:59"),
        ("2026-06-30T23:59:60Z", "leap seconds (:60) are not accepted; use :59.999"),
        ("0001-01-01T00:00:00+00:01", "in UTC the instant falls outside the years 0001 to 9999"),
        ("9999-12-31T23:59:59-00:01", "in UTC the instant falls outside the years 0001 to 9999"),
        ("2026-01-01T00:00:00.1234567890Z", "at most 9 fractional digits"),
    ])
    func outOfRangeIsRefusedWithTheReason(text: String, reason: String) {
        #expect(Timestamp.validate(text) == .failure(.range(reason)))
    }

    @Test func validEdgesAreAccepted() {
        #expect(Timestamp.parse("2024-02-29T12:00:00Z") != nil)
        #expect(Timestamp.parse("2000-02-29T12:00:00Z") != nil)
        #expect(Timestamp.parse("2026-01-01T00:00:00+16:00") == Timestamp.parse("2025-12-31T08:00:00Z"))
        #expect(Timestamp.parse("2026-01-01T00:00:00-23:59") == Timestamp.parse("2026-01-01T23:59:00Z"))
        #expect(Timestamp.parse("0001-01-01T00:00:00Z") != nil)
        #expect(Timestamp.parse("9999-12-31T23:59:59.999999999Z") != nil)
        #expect(Timestamp.parse("2026-06-01t09:30:00z") != nil)
    }

    @Test func stixStyleIsUTCWithUpperCaseTAndZ() {
        #expect(Timestamp.parse("2026-06-01T09:30:00.000Z", style: .stix) != nil)
        #expect(Timestamp.validate("2026-06-01T09:30:00+00:00", style: .stix) == .failure(.notUTC))
        #expect(Timestamp.validate("2026-06-01T09:30:00z", style: .stix) == .failure(.notUTC))
        #expect(Timestamp.validate("2026-06-01t09:30:00Z", style: .stix) == .failure(.syntax))
    }

    @Test(arguments: ["", "yesterday", "2026-06-01", "2026-06-01T09:30Z", "+2026-06-01T09:30:00Z", "2026-06-01T09:30:00.Z",
                      "2026-06-01T09:30:00+0100", "2026-06-01T09:30:00 Z", String(repeating: "9", count: 10_000)])
    func malformedIsASyntaxError(text: String) {
        #expect(Timestamp.validate(text) == .failure(.syntax))
    }
}
