/// What decides which gateways a partner may invoke: its sector, whether it is a regulated-sector
/// firm or a public authority, and the gateways its current data-sharing agreements allow.
public struct PartnerStanding: Sendable, Hashable {
    public let sector: Sector
    public let regulatedSector: Bool
    public let publicAuthority: Bool
    /// The union of the gateways of every agreement in force now.
    public let agreedGateways: Set<GatewayCode>

    public init(sector: Sector, regulatedSector: Bool, publicAuthority: Bool, agreedGateways: Set<GatewayCode>) {
        self.sector = sector
        self.regulatedSector = regulatedSector
        self.publicAuthority = publicAuthority
        self.agreedGateways = agreedGateways
    }
}
