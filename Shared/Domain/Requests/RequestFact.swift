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

    public init(addressedSectors: Set<Sector>, completedSector: Sector?, status: RequestStatus, raisedAt: Date, deadline: Date, completedAt: Date?) {
        self.addressedSectors = addressedSectors
        self.completedSector = completedSector
        self.status = status
        self.raisedAt = raisedAt
        self.deadline = deadline
        self.completedAt = completedAt
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
