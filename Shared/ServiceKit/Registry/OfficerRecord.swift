import Foundation

/// A named officer of an agency, who holds their own API keys.
public struct OfficerRecord: Sendable, Hashable {
    /// Never reused: the audit log names officers by it (`officer:42@NCA_TICAT`).
    public let id: Int64
    public let agencyCode: String
    public let name: String
    /// Collar or warrant number, unique among the agency's active officers.
    public let staffID: String
    public let createdAt: Date
    /// Set when the officer was revoked (their keys with them); nil while active.
    public let revokedAt: Date?
}
