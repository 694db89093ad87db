import Foundation

/// A position in an agency's work list (`GET /v1/taskings`), which is ordered by priority, then
/// SLA deadline, then id: the last row of a page. The deadline is kept as whole microseconds
/// since 1970 (PostgreSQL's precision), so the next page starts exactly after that row.
///
/// On the wire it is opaque (base64url of `taskings.<priority>.<deadline µs>.<id>`).
public struct TaskingCursor: Sendable, Hashable, CustomStringConvertible {
    /// 9999-12-31T23:59:59.999999Z: a cursor past PostgreSQL's timestamps would fail the query.
    public static let maxDeadlineMicroseconds: Int64 = 253_402_300_799_999_999
    public let priority: Priority
    public let deadlineMicroseconds: Int64
    /// Lower case, as the API writes ids.
    public let id: String

    public init(priority: Priority, deadlineMicroseconds: Int64, id: UUID) {
        self.priority = priority
        self.deadlineMicroseconds = deadlineMicroseconds
        self.id = id.uuidString.lowercased()
    }

    public var description: String {
        OpaqueToken.encode("taskings.\(priority.rawValue).\(deadlineMicroseconds).\(id)")
    }

    /// Reads a cursor back; nil for anything this code did not produce.
    public init?(_ text: String) {
        guard let decoded = OpaqueToken.decode(text, maxLength: 128) else { return nil }
        let parts = decoded.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "taskings", let priority = Priority(rawValue: String(parts[1])),
              let micros = OpaqueToken.digits(parts[2]).flatMap({ Int64($0) }), micros <= Self.maxDeadlineMicroseconds,
              let id = UUID(uuidString: String(parts[3]))
        else { return nil }
        self.init(priority: priority, deadlineMicroseconds: micros, id: id)
        guard description == text else { return nil }
    }
}
