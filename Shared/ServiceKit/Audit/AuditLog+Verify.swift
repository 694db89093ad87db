import Crypto
import Domain
import Foundation
import Postgres

extension AuditLog {
    /// The outcome of checking the chain.
    public struct Verification: Sendable, Hashable {
        /// Where and why the chain breaks.
        public struct Break: Sendable, Hashable {
            public let id: Int64
            public let reason: String
        }

        /// Rows checked, the breaking row included.
        public let rows: Int
        /// The first row that breaks the chain; `nil` when the chain is intact.
        public let firstBreak: Break?
        /// The hash of the last row that verified: the chain's head when intact; `nil` when no row did.
        public let lastVerifiedHash: String?

        public var isIntact: Bool { firstBreak == nil }
        /// Rows that verified: all of them when intact, those before the break otherwise.
        public var verifiedRows: Int { isIntact ? rows : rows - 1 }
    }

    /// Walks the whole chain in id order, `pageSize` rows at a time (bounded memory), recomputing
    /// every hash and checking each row's columns against its hashed event.
    public static func verify(
        on connection: PostgresConnection, pageSize: Int = 5_000, progress: (Int) -> Void = { _ in }
    ) async throws -> Verification {
        let pageSize = max(1, pageSize)
        var expectedPrevious = genesisHash
        var lastID: Int64 = 0
        var checked = 0
        func outcome(_ firstBreak: Verification.Break?) -> Verification {
            Verification(rows: checked, firstBreak: firstBreak, lastVerifiedHash: lastID == 0 ? nil : expectedPrevious)
        }
        while true {
            let rows = try await connection.query(AuditQueries.page.binding(lastID, pageSize))
            for row in rows {
                let id = try row.decode(Int64.self, "id")
                let event = try row.decode(String.self, "event")
                let previous = try row.decode(String.self, "prev_hash")
                let hash = try row.decode(String.self, "hash")
                checked += 1
                if previous != expectedPrevious {
                    return outcome(Verification.Break(id: id, reason: "prev_hash does not match the previous row's hash"))
                }
                if Hex.encode(SHA256.hash(previous + event)) != hash {
                    return outcome(Verification.Break(id: id, reason: "hash does not match the stored event"))
                }
                if let mismatch = try columnMismatch(row, event: event) {
                    return outcome(Verification.Break(id: id, reason: mismatch))
                }
                expectedPrevious = hash
                lastID = id
            }
            progress(checked)
            if rows.count < pageSize { return outcome(nil) }
        }
    }

    /// The queryable columns must say what the hashed event says.
    private static func columnMismatch(_ row: PostgresRow, event: String) throws -> String? {
        guard let parsed = try? JSONValue(parsing: Data(event.utf8)) else { return "event is not JSON" }
        for column in ["actor", "action", "subject_type", "subject_id"] where parsed[column]?.stringValue != (try row.decode(String.self, column)) {
            return "column \(column) differs from the hashed event"
        }
        return nil
    }
}
