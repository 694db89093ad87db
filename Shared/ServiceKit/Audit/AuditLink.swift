import Crypto
import Postgres

/// One chained row as the verifier reads it, and the hash it must carry: computed here from the
/// stored columns alone, so a changed function in the database cannot change what is checked.
struct AuditLink: Sendable {
    let id: Int64
    let seq: Int64
    let prevHash: String
    let hash: String
    /// `session_user` at the append; nil only for rows chained before migration 6.
    let login: String?
    /// Whole microseconds since the epoch: the server's clock, and the time the caller claimed.
    let recordedMicros: Int64?
    let occurredMicros: Int64
    let actor: String
    let action: String
    let subjectType: String
    let subjectID: String
    let traceID: String?
    let event: String

    init(_ row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        seq = try row.decode(Int64.self, "chain_seq")
        prevHash = try row.decode(String.self, "prev_hash")
        hash = try row.decode(String.self, "hash")
        login = try row.decode(String?.self, "login")
        recordedMicros = try row.decode(Int64?.self, "recorded_us")
        occurredMicros = try row.decode(Int64.self, "occurred_us")
        actor = try row.decode(String.self, "actor")
        action = try row.decode(String.self, "action")
        subjectType = try row.decode(String.self, "subject_type")
        subjectID = try row.decode(String.self, "subject_id")
        traceID = try row.decode(String?.self, "trace_id")
        event = try row.decode(String.self, "event")
    }

    /// Chained before migration 6, under the old rule, recording no login.
    var isLegacy: Bool { login == nil }

    var expectedHash: String {
        Hex.encode(SHA256.hash(isLegacy ? prevHash + event : payload))
    }

    /// The text `audit_chain` (migration 6) hashes: one `name:value` line per field, text values
    /// prefixed by their length in UTF-8 bytes so no value can pass for another, `-` for NULL.
    var payload: String {
        [
            "occ-audit/2",
            "seq:\(seq)",
            "prev:\(prevHash)",
            "login:\(Self.field(login))",
            "recorded_at:\(recordedMicros.map(String.init) ?? "")",
            "occurred_at:\(occurredMicros)",
            "actor:\(Self.field(actor))",
            "action:\(Self.field(action))",
            "subject_type:\(Self.field(subjectType))",
            "subject_id:\(Self.field(subjectID))",
            "trace_id:\(Self.field(traceID))",
            "event:\(Self.field(event))",
        ].joined(separator: "\n")
    }

    private static func field(_ value: String?) -> String {
        guard let value else { return "-" }
        return "\(value.utf8.count):\(value)"
    }
}
