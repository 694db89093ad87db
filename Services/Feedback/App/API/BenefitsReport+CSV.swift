import Domain

extension BenefitsReport {
    static let csvHeader = "dimension,key,received,tasked,with_outcome,median_seconds_to_tasking,median_seconds_to_outcome"

    /// The same figures as the JSON, one line per row: the total, then each section (RFC 4180,
    /// CRLF line ends). A key that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`)
    /// is prefixed with `'`.
    var csv: String {
        var lines = [Self.csvHeader]
        if let total { lines.append(Self.csvLine("total", total)) }
        for section in sections {
            lines += section.lines.map { Self.csvLine(section.dimension, $0) }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func csvLine(_ dimension: String, _ line: Line) -> String {
        [dimension, field(line.key), String(line.received), String(line.tasked), String(line.withOutcome),
         line.medianSecondsToTasking.map { String($0) } ?? "", line.medianSecondsToOutcome.map { String($0) } ?? ""]
            .joined(separator: ",")
    }

    private static func field(_ text: String) -> String {
        let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        guard safe.contains(where: { ",\"\r\n".contains($0) }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
