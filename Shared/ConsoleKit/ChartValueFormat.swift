import Foundation

/// How a chart writes its values. Locale-free, so a page renders the same everywhere: `.` for the
/// decimal point, `,` between thousands.
public enum ChartValueFormat: Sendable, Equatable {
    /// Whole numbers: 1,234.
    case integer
    /// A fixed number of decimals (0 to 6): 12.50.
    case decimal(places: Int)
    /// Money in whole units after a symbol: £1,234.
    case currency(symbol: String)
    /// Values already in percent (25 is 25 %), with 0 to 6 decimals: 25.0%.
    case percent(places: Int)

    /// The full value, as tables and hover text show it; "–" for no value.
    public func string(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return decorate(Self.fixed(value, places: places))
    }

    /// A short form for labels drawn inside a chart: values from 10,000 up become 12.5k, 3.2M,
    /// 4B, 1.2T, then 1.0e+18; smaller ones are written as `string` writes them.
    public func compact(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        guard abs(value) >= 10_000 else { return string(value) }
        return decorate(Self.abbreviated(value))
    }

    /// A tick label: as many decimals as the tick step needs, abbreviated like `compact`.
    func tick(_ value: Double, step: Double) -> String {
        if abs(value) >= 10_000 { return decorate(Self.abbreviated(value)) }
        let needed = step > 0 && step < 1 ? Int((-log10(step)).rounded(.up)) : 0
        return decorate(Self.fixed(value, places: min(6, max(needed, 0))))
    }

    private var places: Int {
        switch self {
        case .integer, .currency: 0
        case .decimal(let places), .percent(let places): min(max(places, 0), 6)
        }
    }

    private func decorate(_ number: String) -> String {
        switch self {
        case .integer, .decimal: number
        case .currency(let symbol):
            number.hasPrefix("-") ? "-" + symbol + number.dropFirst() : symbol + number
        case .percent: number + "%"
        }
    }

    /// `value` rounded to `places` decimals with thousands grouped; never "-0".
    static func fixed(_ value: Double, places: Int) -> String {
        let digits = String(format: "%.\(places)f", abs(value))
        let parts = digits.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        grouped = whole + grouped
        if parts.count > 1 { grouped += "." + parts[1] }
        let isZero = digits.allSatisfy { $0 == "0" || $0 == "." }
        return value < 0 && !isZero ? "-" + grouped : grouped
    }

    private static func abbreviated(_ value: Double) -> String {
        let magnitude = abs(value)
        let sign = value < 0 ? "-" : ""
        guard magnitude < 1e15 else { return sign + String(format: "%.1e", magnitude) }
        let (divisor, suffix): (Double, String) =
            magnitude >= 1e12 ? (1e12, "T") : magnitude >= 1e9 ? (1e9, "B") : magnitude >= 1e6 ? (1e6, "M") : (1e3, "k")
        let scaled = magnitude / divisor
        var text = String(format: scaled < 100 ? "%.1f" : "%.0f", scaled)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return sign + text + suffix
    }
}
