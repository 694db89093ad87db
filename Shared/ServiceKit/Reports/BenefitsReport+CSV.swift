import Domain

extension BenefitsReport {
    /// The columns, in order: the funnel, the medians, money, then disruptions by severity and by
    /// action, then judicial outcomes by Home Office code (`judicial_ho_1` …), then the requests
    /// to partners (`requests_raised` … `median_seconds_to_complete`).
    public static let csvColumns: [String] = ["dimension", "key", "received", "tasked", "accepted", "with_outcome", "judicial",
        "median_seconds_to_tasking", "median_seconds_to_acceptance", "median_seconds_to_outcome", "median_seconds_to_judicial"]
        + BenefitsLine.moneyFigures + ["money_unconverted", "disruptions"]
        + BenefitsLine.severities.map { "disruptions_\($0)" } + BenefitsLine.disruptionKinds.map { "disruptions_\($0)" }
        + BenefitsLine.judicialCodes.map { "judicial_ho_\($0)" } + BenefitsLine.requestFigures

    /// The same figures as the JSON, one line per row: the total, then each section (RFC 4180,
    /// CRLF line ends). A key that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`)
    /// is prefixed with `'`.
    public var csv: String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        if let total { lines.append(Self.csvLine("total", total)) }
        for section in sections {
            lines += section.lines.map { Self.csvLine(section.dimension, $0) }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func csvLine(_ dimension: String, _ line: BenefitsLine) -> String {
        var cells = [dimension, field(line.key)]
        cells += [line.received, line.tasked, line.accepted, line.withOutcome, line.judicial].map(String.init)
        cells += line.medians.map { $0.1.map { String($0) } ?? "" }
        cells += BenefitsLine.moneyFigures.map { line.money[$0] ?? "" }
        cells += [String(line.moneyUnconverted), String(line.disruptions)]
        cells += BenefitsLine.severities.map { String(line.disruptionsBySeverity[$0] ?? 0) }
        cells += BenefitsLine.disruptionKinds.map { String(line.disruptionsByKind[$0] ?? 0) }
        cells += BenefitsLine.judicialCodes.map { String(line.judicialByCode[String($0)] ?? 0) }
        cells += [line.requests.raised, line.requests.completed, line.requests.overdue].map(String.init)
        cells.append(line.requests.medianSecondsToComplete.map { String($0) } ?? "")
        return cells.joined(separator: ",")
    }

    private static func field(_ text: String) -> String {
        let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        guard safe.contains(where: { ",\"\r\n".contains($0) }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
