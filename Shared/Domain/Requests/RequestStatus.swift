/// Where a disruption request stands. Raised by an officer; a partner it was addressed to may
/// acknowledge it, then complete it (with evidence) or decline it (with a reason).
public enum RequestStatus: String, Sendable, Codable, CaseIterable {
    case raised
    case acknowledged
    case completed
    case declined

    /// Still waiting on a partner, so it can fall overdue.
    public var isOpen: Bool {
        self == .raised || self == .acknowledged
    }
}
