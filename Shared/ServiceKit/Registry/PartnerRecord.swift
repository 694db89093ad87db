import Domain
import Foundation

/// A registered industry partner.
public struct PartnerRecord: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let sector: Sector
    public let createdAt: Date
}

/// A law-enforcement team that receives taskings.
public struct AgencyRecord: Sendable, Hashable {
    public let code: String
    public let name: String
}
