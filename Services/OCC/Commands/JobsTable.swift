import Foundation
import Queue

/// How the `occ jobs` commands print: tab-separated columns under a header, times in UTC ISO
/// 8601, durations as 1d02h, 3m05s or 42s, and text with control characters quoted so that one
/// job stays one line.
enum JobsTable {
    static func printRows(_ header: [String], _ rows: [[String]]) {
        print(header.joined(separator: "\t"))
        for row in rows { print(row.joined(separator: "\t")) }
    }

    static func time(_ date: Date?) -> String {
        date?.formatted(.iso8601) ?? "-"
    }

    static func duration(seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let (days, hours, minutes, rest) = (total / 86_400, total % 86_400 / 3600, total % 3600 / 60, total % 60)
        if days > 0 { return String(format: "%dd%02dh", days, hours) }
        if hours > 0 { return String(format: "%dh%02dm", hours, minutes) }
        if minutes > 0 { return String(format: "%dm%02ds", minutes, rest) }
        return "\(rest)s"
    }

    /// A running job's lease as "in 25s" or "expired 40s ago" (the rescuer may take it then).
    static func lease(_ job: JobQueue.JobSummary) -> String {
        guard let left = job.leaseSecondsLeft else { return "-" }
        return left >= 0 ? "in \(duration(seconds: left))" : "expired \(duration(seconds: -left)) ago"
    }

    static func printable(_ value: String, limit: Int = 200) -> String {
        let text = value.count > limit ? String(value.prefix(limit)) + "…" : value
        return text.unicodeScalars.contains { $0.properties.generalCategory == .control } ? text.debugDescription : text
    }
}
