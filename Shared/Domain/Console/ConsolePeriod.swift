import Foundation

/// The period a console page shows: whole UTC days [from, to), from the page's `from` and `to`
/// parameters (YYYY-MM-DD, `to` exclusive) or, by default, the 28 days up to and including
/// today. The previous period is the same length immediately before, for trends.
public struct ConsolePeriod: Sendable, Hashable {
    public static let defaultDays = 28
    /// Longer periods would make the trend and the weekly series meaningless to read.
    public static let maxDays = 366

    public let from: Date
    public let to: Date

    public init(from: Date, to: Date) {
        self.from = from
        self.to = to
    }

    /// The period of `from`/`to` (either may be absent), with `today` the current UTC day's start.
    public static func parse(from: String?, to: String?, today: Date) -> Result<ConsolePeriod, ValidationFailure> {
        var problems: [FieldError] = []
        func day(_ name: String, _ text: String?) -> Date? {
            guard let text, !text.isEmpty else { return nil }
            guard let date = Self.day(text) else {
                problems.append(FieldError(.root.appending(name), "must be a date as YYYY-MM-DD"))
                return nil
            }
            return date
        }
        let end = day("to", to) ?? today.addingTimeInterval(86_400)
        let start = day("from", from) ?? end.addingTimeInterval(-Double(defaultDays) * 86_400)
        if problems.isEmpty, start >= end { problems.append(FieldError(.root.appending("to"), "must be later than from")) }
        if problems.isEmpty, end.timeIntervalSince(start) > Double(maxDays) * 86_400 {
            problems.append(FieldError(.root.appending("to"), "the period may be at most \(maxDays) days"))
        }
        guard problems.isEmpty else { return .failure(ValidationFailure(problems)) }
        return .success(ConsolePeriod(from: start, to: end))
    }

    /// The same length immediately before.
    public var previous: ConsolePeriod {
        ConsolePeriod(from: from.addingTimeInterval(-to.timeIntervalSince(from)), to: from)
    }

    /// `from` and `to` as the page's parameters (YYYY-MM-DD).
    public var fromText: String { Self.text(from) }
    public var toText: String { Self.text(to) }

    /// A strict YYYY-MM-DD in UTC.
    static func day(_ text: String) -> Date? {
        guard text.utf8.count == 10, text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = text.split(separator: "-").compactMap { Int($0) }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return date
    }

    static func text(_ date: Date) -> String {
        String(date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day()))
    }
}
