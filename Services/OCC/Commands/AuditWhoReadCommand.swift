import Domain
import Foundation
import Postgres
import ServiceKit

/// `occ audit who-read REFERRAL`: who read a referral's details, when and why.
enum AuditWhoReadCommand: Command {
    static let path = ["audit", "who-read"]
    static let summary = "list who read a referral's details, when and why (oldest first)"
    static let help = """
        usage: occ audit who-read REFERRAL

        REFERRAL is a referral id (UUID) or reference (OCC-2026-000123). Prints every recorded
        read of its details through any of its taskings (GET /v1/taskings/{id}: 'tasking.read'
        events), oldest first, one per line, tab-separated: time (UTC), officer
        (officer:ID@AGENCY), staff id, name, tasking, purpose. Read-only: the operator login
        (occ_operator) is enough. It does not check the chain; 'occ audit verify' does.
        """
    /// The audit actions that disclose a referral's details to an officer.
    static let readActions = ["tasking.read"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let referral = arguments.positionals.first else { throw UsageError("give a referral id or reference") }
        let lookup = try lookupQuery(referral)
        let (reference, reads): (String, [[String]]) = try await Database.withOperatorPool { pool in
            try await pool.withConnection { connection in
                guard let found = try await connection.query(lookup).single else { throw UsageError("no referral \(referral)") }
                let reads = try await Self.lines(referral: try found.decode(UUID.self, "id"), on: connection)
                return (try found.decode(String.self, "reference"), reads)
            }
        }
        for read in reads { print(read.joined(separator: "\t")) }
        progressLine("\(reference): \(reads.count) recorded read\(reads.count == 1 ? "" : "s")")
    }

    /// The reads of `referral`, oldest first, each as its printable fields: time, officer, staff
    /// id, name, tasking, purpose.
    static func lines(referral: UUID, on connection: PostgresConnection) async throws -> [[String]] {
        let reads = try await connection.query(Queries.reads.binding(referral, readActions)).map(Read.init(row:))
        var officers: [Int64: (staffID: String, name: String)] = [:]
        for row in try await connection.query(Queries.officers.binding(Array(Set(reads.compactMap(\.officer))))) {
            officers[try row.decode(Int64.self, "id")] = (try row.decode(String.self, "staff_id"), try row.decode(String.self, "name"))
        }
        return reads.map { read in
            let officer = read.officer.flatMap { officers[$0] } ?? ("-", "-")
            return [read.occurredAt.formatted(.iso8601), read.actor, officer.staffID, officer.name, "tasking:\(read.tasking)", read.purpose ?? "-"]
                .map(printable)
        }
    }

    /// By id or by reference; anything else is a usage error, not an empty answer.
    private static func lookupQuery(_ text: String) throws(UsageError) -> PostgresQuery {
        if let id = UUID(uuidString: text) { return Queries.referralByID.binding(id) }
        let reference = text.uppercased()
        guard reference.wholeMatch(of: /OCC-[0-9]{4}-[0-9]{6,12}/) != nil else {
            throw UsageError("'\(text)' is neither a referral id (UUID) nor a reference such as OCC-2026-000123")
        }
        return Queries.referralByReference.binding(reference)
    }

    /// One `tasking.read` event, with the officer and purpose from its hashed text.
    struct Read {
        let occurredAt: Date
        let actor: String
        let tasking: String
        let officer: Int64?
        let purpose: String?

        init(row: PostgresRow) throws {
            occurredAt = try row.decode(Date.self, "occurred_at")
            actor = try row.decode(String.self, "actor")
            tasking = try row.decode(String.self, "subject_id")
            // The event is the chained canonical JSON; the columns beside it hold no officer or purpose.
            let event = try? JSONValue(parsing: Data(try row.decode(String.self, "event").utf8))
            if case .integer(let id) = event?["officer"] { officer = Int64(id) } else { officer = nil }
            purpose = event?["purpose"]?.stringValue
        }
    }

    enum Queries {
        static let referralByID = PostgresQuery("who_read_referral_by_id", "SELECT id, reference FROM referrals WHERE id = $1")
        static let referralByReference = PostgresQuery(
            "who_read_referral_by_reference", "SELECT id, reference FROM referrals WHERE reference = $1")
        static let reads = PostgresQuery(
            "who_read_reads",
            """
            SELECT occurred_at, actor, subject_id, event FROM audit_log
            WHERE subject_type = 'tasking' AND action = ANY($2::text[])
              AND subject_id IN (SELECT id::text FROM taskings WHERE referral_id = $1)
            ORDER BY occurred_at, id
            """)
        static let officers = PostgresQuery("who_read_officers", "SELECT id, staff_id, name FROM officers WHERE id = ANY($1::bigint[])")
    }

    /// Values with control or format characters are quoted, so one read stays one honest line.
    private static func printable(_ value: String) -> String {
        value.isPrintableText ? value : value.debugDescription
    }
}
