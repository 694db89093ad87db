import Foundation

/// A value axis: a range that includes zero and the data, widened to "nice" round ticks
/// (1, 2 or 5 × 10ⁿ apart), and where a value falls on it.
struct ChartScale: Equatable {
    let lower: Double
    let upper: Double
    let step: Double

    /// Values beyond this magnitude are drawn at the axis end (the table still shows them exactly);
    /// it keeps the arithmetic below finite.
    static let limit = 1e300

    /// A scale covering zero and every finite value, with about `ticks` ticks.
    init(values: [Double], ticks: Int = 6) {
        let clamped = values.filter(\.isFinite).map { min(max($0, -Self.limit), Self.limit) }
        let low = min(clamped.min() ?? 0, 0)
        let high = max(clamped.max() ?? 0, 0)
        guard high > low else {
            (lower, upper, step) = (0, 1, 0.2)
            return
        }
        let step = Self.niceStep((high / 2 - low / 2) * 2 / Double(max(ticks - 1, 1)))
        self.step = step
        // The slack keeps 0.30000000000000004 / 0.1 from adding a tick past 0.3.
        lower = (low / step + 1e-9).rounded(.down) * step
        upper = (high / step - 1e-9).rounded(.up) * step
    }

    /// The tick values from `lower` to `upper`, computed by index so no error accumulates.
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded()) + 1
        return (0..<max(count, 2)).map { index in
            let value = lower + Double(index) * step
            return abs(value) < step * 1e-9 ? 0 : value
        }
    }

    /// Where `value` falls, 0 at `lower` and 1 at `upper`, clamped to that range.
    func fraction(_ value: Double) -> Double {
        let clamped = min(max(value, -Self.limit), Self.limit)
        let fraction = (clamped / 2 - lower / 2) / (upper / 2 - lower / 2)
        return min(max(fraction, 0), 1)
    }

    /// The smallest of 1, 2, 5 × 10ⁿ at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, (log10(rough)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * power >= rough * (1 - 1e-12) {
            return factor * power
        }
        return 10 * power
    }
}
