/// Who may rely on a gateway to share: partners of the listed sectors, any partner that is a
/// regulated-sector firm, any partner that is a public authority (either suffices).
public struct GatewayInvokers: Sendable, Hashable, Codable {
    public let sectors: Set<Sector>
    public let regulatedSector: Bool
    public let publicAuthority: Bool

    public init(sectors: Set<Sector> = [], regulatedSector: Bool = false, publicAuthority: Bool = false) {
        self.sectors = sectors
        self.regulatedSector = regulatedSector
        self.publicAuthority = publicAuthority
    }

    public func admit(_ partner: PartnerStanding) -> Bool {
        sectors.contains(partner.sector)
            || (regulatedSector && partner.regulatedSector)
            || (publicAuthority && partner.publicAuthority)
    }

    /// For people: "telco, tech partners; regulated-sector firms", or "nobody".
    public var description: String {
        var parts: [String] = []
        if !sectors.isEmpty { parts.append(sectors.sorted().map(\.rawValue).joined(separator: ", ") + " partners") }
        if regulatedSector { parts.append("regulated-sector firms") }
        if publicAuthority { parts.append("public authorities") }
        return parts.isEmpty ? "nobody" : parts.joined(separator: "; ")
    }

    private enum CodingKeys: String, CodingKey {
        case sectors
        case regulatedSector = "regulated_sector"
        case publicAuthority = "public_authority"
    }
}
