import Foundation

/// RFC 3339 timestamps, parsed and printed by hand so the result never depends on locale,
/// time-zone database or formatter caches (Domain reads no environment).
public enum Timestamp: Sendable {
    /// Parses `2026-03-01T09:30:00Z`, with optional fractional seconds and a numeric offset.
    public static func parse(_ text: String) -> Date? {
        let characters = Array(text.utf8)
        guard characters.count >= 20,
              let year = number(characters, 0, 4), characters[4] == UInt8(ascii: "-"),
              let month = number(characters, 5, 2), characters[7] == UInt8(ascii: "-"),
              let day = number(characters, 8, 2),
              characters[10] == UInt8(ascii: "T") || characters[10] == UInt8(ascii: "t"),
              let hour = number(characters, 11, 2), characters[13] == UInt8(ascii: ":"),
              let minute = number(characters, 14, 2), characters[16] == UInt8(ascii: ":"),
              let second = number(characters, 17, 2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }

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
            guard index > start, index - start <= 9 else { return nil }
        }
        guard let offset = offsetSeconds(characters, from: index) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
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

    private static func offsetSeconds(_ characters: [UInt8], from index: Int) -> Int? {
        let remaining = characters.count - index
        if remaining == 1, characters[index] == UInt8(ascii: "Z") || characters[index] == UInt8(ascii: "z") {
            return 0
        }
        guard remaining == 6, characters[index + 3] == UInt8(ascii: ":"),
              let hours = number(characters, index + 1, 2), let minutes = number(characters, index + 4, 2),
              hours < 24, minutes < 60
        else { return nil }
        switch characters[index] {
        case UInt8(ascii: "+"): return hours * 3_600 + minutes * 60
        case UInt8(ascii: "-"): return -(hours * 3_600 + minutes * 60)
        default: return nil
        }
    }

    private static func number(_ characters: [UInt8], _ start: Int, _ length: Int) -> Int? {
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

    private static func daysIn(month: Int, year: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
