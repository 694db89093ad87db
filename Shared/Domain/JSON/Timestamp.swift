import Foundation

/// RFC 3339 timestamps, parsed and printed by hand so the result never depends on locale,
/// time-zone database or formatter caches (Domain reads no environment). This is the one parser
/// every service uses for timestamps in bodies and query parameters.
///
/// Strict on purpose: real calendar days (leap years included), years 0001–9999 both as
/// written and once moved to UTC (what PostgreSQL and every partner system can store), offsets
/// within ±23:59, at most nine fractional digits. Leap seconds (`:60`) are refused: PostgreSQL
/// would fold them into the next minute and common STIX tooling (Python's datetime) rejects
/// them, so accepting one would change the instant a partner meant.
public enum Timestamp: Sendable {
    /// Which RFC 3339 forms are accepted.
    public enum Style: Sendable {
        /// Any RFC 3339 date-time: `T` or `t`, `Z`, `z` or a numeric offset.
        case rfc3339
        /// STIX 2.1 §3.2: upper-case `T`, UTC with `Z`, no offset.
        case stix
    }

    /// The instant `text` names, or nil; see `validate` for the reason.
    public static func parse(_ text: String, style: Style = .rfc3339) -> Date? {
        try? validate(text, style: style).get()
    }

    /// The instant `text` names, or what is wrong with it.
    public static func validate(_ text: String, style: Style = .rfc3339) -> Result<Date, TimestampError> {
        let characters = Array(text.utf8.prefix(64))
        guard text.utf8.count <= 40, characters.count >= 20,
              let year = number(characters, 0, 4), characters[4] == UInt8(ascii: "-"),
              let month = number(characters, 5, 2), characters[7] == UInt8(ascii: "-"),
              let day = number(characters, 8, 2),
              characters[10] == UInt8(ascii: "T") || (style == .rfc3339 && characters[10] == UInt8(ascii: "t")),
              let hour = number(characters, 11, 2), characters[13] == UInt8(ascii: ":"),
              let minute = number(characters, 14, 2), characters[16] == UInt8(ascii: ":"),
              let second = number(characters, 17, 2)
        else { return .failure(.syntax) }
        guard year >= 1 else { return .failure(.range("year 0000 does not exist; years run from 0001 to 9999")) }
        guard (1...12).contains(month) else { return .failure(.range("month \(month) is not 01 to 12")) }
        let monthDays = daysIn(month: month, year: year)
        guard (1...monthDays).contains(day) else {
            return .failure(.range("day \(day) is not in \(String(format: "%04d-%02d", year, month)), which has \(monthDays) days"))
        }
        guard hour < 24, minute < 60 else { return .failure(.range(String(format: "time %02d:%02d is not 00:00 to 23:59", hour, minute))) }
        guard second < 60 else {
            return .failure(.range(second == 60 ? "leap seconds (:60) are not accepted; use :59.999" : "second \(second) is not 00 to 59"))
        }

        var index = 19
        var fraction = 0.0
        if characters[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < characters.count, let digit = digit(characters[index]) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return .failure(.syntax) }
            guard index - start <= 9 else { return .failure(.range("at most 9 fractional digits")) }
        }
        let offset: Int
        switch offsetSeconds(characters, from: index, style: style) {
        case .success(let seconds): offset = seconds
        case .failure(let error): return .failure(error)
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        guard (earliest...latest).contains(seconds) else {
            return .failure(.range("in UTC the instant falls outside the years 0001 to 9999"))
        }
        return .success(Date(timeIntervalSince1970: Double(seconds) + fraction))
    }

    /// Formats as UTC with millisecond precision, e.g. `2026-03-01T09:30:00.000Z` (the STIX form).
    public static func format(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1_000).rounded(.down))
        let seconds = milliseconds.floorDivided(by: 1_000)
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            year, month, day, secondOfDay / 3_600, secondOfDay % 3_600 / 60, secondOfDay % 60,
            milliseconds - seconds * 1_000)
    }

    private static func offsetSeconds(_ characters: [UInt8], from index: Int, style: Style) -> Result<Int, TimestampError> {
        let remaining = characters.count - index
        if remaining == 1, characters[index] == UInt8(ascii: "Z") || (style == .rfc3339 && characters[index] == UInt8(ascii: "z")) {
            return .success(0)
        }
        guard style == .rfc3339 else { return .failure(.notUTC) }
        guard remaining == 6, characters[index + 3] == UInt8(ascii: ":"),
              let hours = number(characters, index + 1, 2), let minutes = number(characters, index + 4, 2)
        else { return .failure(.syntax) }
        guard hours < 24, minutes < 60 else { return .failure(.range(String(format: "offset %02d:%02d is not within ±23:59", hours, minutes))) }
        switch characters[index] {
        case UInt8(ascii: "+"): return .success(hours * 3_600 + minutes * 60)
        case UInt8(ascii: "-"): return .success(-(hours * 3_600 + minutes * 60))
        default: return .failure(.syntax)
        }
    }

    private static func number(_ characters: [UInt8], _ start: Int, _ length: Int) -> Int? {
        guard start + length <= characters.count else { return nil }
        var value = 0
        for index in start..<start + length {
            guard let digit = digit(characters[index]) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func digit(_ character: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character) ? Int(character - UInt8(ascii: "0")) : nil
    }
}
