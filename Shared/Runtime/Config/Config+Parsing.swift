/// Parsers for the textual forms settings take.
extension Config {
    /// Parses `500ms`, `30s`, `5m`, `1h`, `1.5s` or a bare number of seconds.
    static func parseDuration(_ text: String) -> Duration? {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        let lowered = text.lowercased()
        var number = lowered
        var scale = 1.0
        for unit in units where lowered.hasSuffix(unit.suffix) {
            number = String(lowered.dropLast(unit.suffix.count))
            scale = unit.seconds
            break
        }
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        let milliseconds = value * scale * 1000
        // Bounded so the conversion to Int64 cannot trap on absurd input.
        guard milliseconds < 1e12 else { return nil }
        return .milliseconds(Int64(milliseconds.rounded()))
    }

    /// A duration in the largest unit that writes it whole (`1h`, `90s`, `250ms`), as `parseDuration` reads it.
    static func durationText(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        for (suffix, size) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000)] where milliseconds % size == 0 && milliseconds > 0 {
            return "\(milliseconds / size)\(suffix)"
        }
        return "\(milliseconds)ms"
    }

    /// Parses the usual spellings of a boolean.
    static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: nil
        }
    }
}
