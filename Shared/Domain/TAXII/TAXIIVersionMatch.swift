/// `match[version]` of a TAXII 2.1 request (§3.6): which versions of each object to return.
public enum TAXIIVersionMatch: Sendable, Hashable {
    /// The newest version only (the default).
    case last
    case first
    case all
    /// Exactly these versions, as STIX timestamps in the exchange's form (`…T09:30:00.250Z`).
    case versions([String])
}
