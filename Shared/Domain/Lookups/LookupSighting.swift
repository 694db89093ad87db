/// How widely the exchange knows one looked-up value, counting only referrals that are not
/// TLP:RED (a value known only from RED referrals is never confirmed).
public struct LookupSighting: Sendable, Hashable {
    public let sectors: Int
    public let partners: Int

    public init(sectors: Int, partners: Int) {
        self.sectors = sectors
        self.partners = partners
    }
}
