import Foundation

/// One disruption request as the benefits report counts it (no content).
public struct RequestFact: Sendable, Hashable {
    /// The sectors of the partners it was addressed to.
    public let addressedSectors: Set<Sector>
    /// The sector of the partner that completed it.
    public let completedSector: Sector?
    public let status: RequestStatus
    public let raisedAt: Date
    public let deadline: Date
    public let completedAt: Date?
    /// The names of the partners it was addressed to, and of the one that completed it.
    public let addressedPartners: Set<String>
    public let completedPartner: String?
    /// The crime type of the tasking's referral, and the agency that raised it.
    public let crimeType: String
    public let agency: String

    public init(
        addressedSectors: Set<Sector>, completedSector: Sector?, status: RequestStatus, raisedAt: Date, deadline: Date, completedAt: Date?,
        addressedPartners: Set<String>, completedPartner: String?, crimeType: String, agency: String
    ) {
        self.addressedSectors = addressedSectors
        self.completedSector = completedSector
        self.addressedPartners = addressedPartners
        self.completedPartner = completedPartner
        self.crimeType = crimeType
        self.agency = agency
        self.status = status
        self.raisedAt = raisedAt
        self.deadline = deadline
        self.completedAt = completedAt
    }

    /// The keys of `dimension` it counts as raised (and overdue) under: every partner or sector it
    /// was addressed to; the crime type of its referral; the agency that raised it.
    public func raisedKeys(_ dimension: RequestFigures.Dimension) -> Set<String> {
        switch dimension {
        case .partner: addressedPartners
        case .sector: Set(addressedSectors.map(\.rawValue))
        case .crimeType: [crimeType]
        case .agency: [agency]
        }
    }

    /// The key of `dimension` it counts as completed under, once completed: the partner (sector)
    /// that completed it, its crime type, the agency.
    public func completedKey(_ dimension: RequestFigures.Dimension) -> String? {
        guard status == .completed else { return nil }
        return switch dimension {
        case .partner: completedPartner
        case .sector: completedSector?.rawValue
        case .crimeType: crimeType
        case .agency: agency
        }
    }

    /// Open past its deadline at `now`.
    public func isOverdue(at now: Date) -> Bool {
        status.isOpen && deadline < now
    }

    /// Seconds from raising to the partner's stated completion, once completed.
    public var secondsToComplete: Double? {
        status == .completed ? completedAt.map { $0.timeIntervalSince(raisedAt) } : nil
    }
}
