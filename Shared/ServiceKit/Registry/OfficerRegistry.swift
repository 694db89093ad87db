import Foundation
import Domain
import Postgres

/// Officers under their agency, as the operator CLI and tests manage them. Every change is
/// audited; the audit log names officers by id only (names and staff ids stay in `officers`).
public struct OfficerRegistry: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Why an officer could not be added, listed or revoked.
    public enum RegistryError: Error, Equatable, CustomStringConvertible {
        case unknownAgency(String)
        case invalidName
        case invalidStaffID(String)
        case staffIDInUse(agency: String, staffID: String)
        case unknownOfficer(Int64)

        public var description: String {
            switch self {
            case .unknownAgency(let code): "no agency with code \(code)"
            case .invalidName: "the name must be 1 to 200 printable characters"
            case .invalidStaffID(let text):
                "staff id \(text.debugDescription) must be 1 to 32 letters, digits or / . _ -, starting with a letter or digit"
            case .staffIDInUse(let agency, let staffID): "\(agency) already has an active officer with staff id \(staffID)"
            case .unknownOfficer(let id): "no active officer with id \(id)"
            }
        }
    }

    /// Registers an officer of `agency`. The staff id is stored in upper case.
    public func add(agency: String, name: String, staffID: String, actor: String = "operator") async throws -> OfficerRecord {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(name.count), name.isPrintableText else { throw RegistryError.invalidName }
        let staffID = staffID.trimmingCharacters(in: .whitespaces).uppercased()
        guard Self.isValidStaffID(staffID) else { throw RegistryError.invalidStaffID(staffID) }
        return try await pool.transaction { connection in
            guard !(try await connection.query(PartnerQueries.agencyExists.binding(agency)).isEmpty) else {
                throw RegistryError.unknownAgency(agency)
            }
            let row: PostgresRow?
            do {
                row = try await connection.query(OfficerQueries.insert.binding(agency, name, staffID)).single
            } catch let error as PostgresError where error.sqlState == .uniqueViolation {
                throw RegistryError.staffIDInUse(agency: agency, staffID: staffID)
            }
            guard let row else { throw PostgresError(.protocolViolation, queryName: "officers_insert", reason: "no row returned") }
            let officer = try Self.officer(row)
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "officer.added", subjectType: "officer", subjectID: String(officer.id),
                detail: ["agency": agency]), on: connection)
            return officer
        }
    }

    /// Every officer, or only `agency`'s, active and revoked.
    public func list(agency: String? = nil) async throws -> [OfficerRecord] {
        try await pool.transaction { connection in
            if let agency, try await connection.query(PartnerQueries.agencyExists.binding(agency)).isEmpty {
                throw RegistryError.unknownAgency(agency)
            }
            return try await connection.query(OfficerQueries.list.binding(agency)).map(Self.officer)
        }
    }

    /// Revokes an active officer and, in the same transaction, every key they hold; returns the
    /// officer and the ids of the keys revoked now. Their next request is refused (401).
    public func revoke(id: Int64, actor: String = "operator") async throws -> (officer: OfficerRecord, keys: [String]) {
        try await pool.transaction { connection in
            guard let row = try await connection.query(OfficerQueries.revoke.binding(id)).single else {
                throw RegistryError.unknownOfficer(id)
            }
            let officer = try Self.officer(row)
            let keys = try await connection.query(APIKeyQueries.revokeForOfficer.binding(id)).map { try $0.decode(String.self, "id") }.sorted()
            let events = [AuditEvent(
                actor: actor, action: "officer.revoked", subjectType: "officer", subjectID: String(id),
                detail: ["agency": officer.agencyCode, "keys_revoked": String(keys.count)])]
                + keys.map { AuditEvent(actor: actor, action: "api_key.revoked", subjectType: "api_key", subjectID: $0, detail: ["reason": "officer revoked"]) }
            try await AuditLog.append(events, on: connection)
            return (officer, keys)
        }
    }

    /// Collar and warrant numbers: letters, digits and a few separators, upper case.
    static func isValidStaffID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, (1...32).contains(text.unicodeScalars.count) else { return false }
        let allowed = { (scalar: Unicode.Scalar) in scalar.isASCII && (("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)) }
        return allowed(first) && text.unicodeScalars.allSatisfy { allowed($0) || "/._-".unicodeScalars.contains($0) }
    }

    private static func officer(_ row: PostgresRow) throws -> OfficerRecord {
        OfficerRecord(
            id: try row.decode(Int64.self, "id"), agencyCode: try row.decode(String.self, "agency_code"),
            name: try row.decode(String.self, "name"), staffID: try row.decode(String.self, "staff_id"),
            createdAt: try row.decode(Date.self, "created_at"), revokedAt: try row.decode(Date?.self, "revoked_at"))
    }
}
