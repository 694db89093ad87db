/// A partner and its sector, as the "confirmed for your sector" release considers it.
public struct SectorPartner: Sendable, Hashable {
    public let partnerID: String
    public let sector: Sector

    public init(partnerID: String, sector: Sector) {
        self.partnerID = partnerID
        self.sector = sector
    }
}

extension Disclosure {
    /// Who the TAXII collection "Indicators confirmed for your sector" gets an actioned referral's
    /// confirmed indicators from: the partners of each disruption's acting sector (a number
    /// blocked goes to telcos, an account frozen to banks) that the referral's markings let its
    /// data go to (`refusal`, as for disruption requests: never from TLP:RED, AMBER+STRICT or
    /// handling code C material, except to its own partner). `disruptions` are those the decision
    /// point released to the actioned referral's own partner with an indicator: none while an
    /// embargo holds, while the outcome is in progress or from a TLP:RED referral, so nothing
    /// under embargo is ever confirmed to anyone. Returns each receiving partner with the
    /// disruptions of its sector.
    public static func sectorRelease(
        of actioned: DisclosureSource, disruptions: [FeedbackDisruption], partners: [SectorPartner]
    ) -> [SectorPartner: [FeedbackDisruption]] {
        let keyed = disruptions.filter { $0.indicatorKey != nil }
        var release: [SectorPartner: [FeedbackDisruption]] = [:]
        for partner in partners where refusal(of: actioned, to: partner.partnerID) == nil {
            let own = keyed.filter { $0.kind.actingSector == partner.sector }
            if !own.isEmpty { release[partner] = own }
        }
        return release
    }
}
