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

    /// Parses the usual spellings of a boolean.
    static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: nil
        }
    }
}
