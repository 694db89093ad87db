import Crypto
import Foundation
import Postgres

/// Console sessions: started by signing in with an API key, ended by signing out, by expiry,
/// by revoking the session (`occ console sessions revoke`) or by revoking its key or officer.
/// The token is 256 random bits the browser keeps in a cookie; the database keeps its SHA-256
/// only. Signing in and out are audited in the same transaction as the change.
public struct ConsoleSessionRegistry: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Why a session could not be revoked.
    public enum RegistryError: Error, Equatable, CustomStringConvertible {
        case unknownSession(Int64)

        public var description: String {
            switch self {
            case .unknownSession(let id): "no live console session with id \(id)"
            }
        }
    }

    /// Starts a session for `principal` as `role` lasting `lifetime`; returns its token and record.
    public func start(
        principal: Principal, role: ConsoleRole, lifetime: Duration, traceID: String? = nil
    ) async throws -> (token: String, session: ConsoleSessionRecord) {
        let token = Self.newToken()
        let seconds = Double(lifetime.components.seconds)
        let session = try await pool.transaction { connection in
            guard let row = try await connection.query(ConsoleSessionQueries.insert.binding(
                Self.hash(token), principal.keyID, role.rawValue, principal.auditActor, principal.partnerID, principal.officerID,
                principal.agencyCode, seconds)).single
            else { throw PostgresError(.protocolViolation, queryName: "console_sessions_insert", reason: "no row returned") }
            let session = try ConsoleSessionRecord(row: row)
            try await AuditLog.append(AuditEvent(
                actor: principal.auditActor, action: "console.signed_in", subjectType: "console_session", subjectID: String(session.id),
                traceID: traceID, officer: principal.officerID, detail: ["role": role.rawValue]), on: connection)
            return session
        }
        return (token, session)
    }

    /// The live session `token` opens, or nil.
    public func find(token: String) async throws -> ConsoleSessionRecord? {
        guard Self.isWellFormed(token) else { return nil }
        return try await pool.query(ConsoleSessionQueries.live.binding(Self.hash(token))).single.map(ConsoleSessionRecord.init(row:))
    }

    /// Ends the session `token` opens (signing out); true when one was live.
    @discardableResult
    public func end(token: String, traceID: String? = nil) async throws -> Bool {
        guard Self.isWellFormed(token) else { return false }
        return try await pool.transaction { connection in
            guard let row = try await connection.query(ConsoleSessionQueries.revokeByToken.binding(Self.hash(token))).single else { return false }
            let actor = try row.decode(String.self, "actor")
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "console.signed_out", subjectType: "console_session",
                subjectID: String(try row.decode(Int64.self, "id")), traceID: traceID), on: connection)
            return true
        }
    }

    /// Revokes session `id` (the operator's `occ console sessions revoke`).
    public func revoke(id: Int64, actor: String = "operator") async throws {
        try await pool.transaction { connection in
            guard try await connection.query(ConsoleSessionQueries.revoke.binding(id)).single != nil else {
                throw RegistryError.unknownSession(id)
            }
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "console_session.revoked", subjectType: "console_session", subjectID: String(id)), on: connection)
        }
    }

    /// Live sessions, or all of them with `all`, oldest first.
    public func list(all: Bool = false) async throws -> [ConsoleSessionRecord] {
        try await pool.query(ConsoleSessionQueries.list.binding(all)).map(ConsoleSessionRecord.init(row:))
    }

    /// 64 lower-case hex digits of fresh randomness.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Only a token of the shape `newToken` makes is ever hashed and looked up.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(token))
    }
}
