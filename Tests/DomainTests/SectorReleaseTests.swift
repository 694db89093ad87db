import Domain
import Foundation
import Testing

/// `Disclosure.sectorRelease`: who the "confirmed for your sector" collection gets an actioned
/// referral's confirmed indicators from.
@Suite struct SectorReleaseTests {
    static let phoneKey = "phone:+447700900123"
    static let accountKey = "uk_bank_account:60-16-13 31926819"
    static let partners = [
        SectorPartner(partnerID: "bank", sector: .finance), SectorPartner(partnerID: "bank2", sector: .finance),
        SectorPartner(partnerID: "telco", sector: .telco), SectorPartner(partnerID: "shop", sector: .tech),
    ]

    static func source(_ tlp: TLP, _ code: HandlingCode = .permitted) -> DisclosureSource {
        DisclosureSource(
            referralID: "ref-bank", partnerID: "bank", partnerName: "Bank plc",
            markings: HandlingMarkings(tlp: tlp, sourceEvaluation: .reliable, intelligenceAssessment: .knownDirectly, handlingCode: code,
                                       handlingConditions: code == .conditions ? "Not to other partners" : nil),
            indicatorKeys: [phoneKey, accountKey])
    }

    static func disruptions(_ json: String) throws -> [FeedbackDisruption] {
        try JSONDecoder().decode([FeedbackDisruption].self, from: Data(json.utf8))
    }

    @Test("each partner of a disruption's acting sector gets that disruption's indicator; other sectors nothing")
    func bySector() throws {
        let released = try Self.disruptions("""
            [{"kind": "block_number", "indicator_key": "\(Self.phoneKey)"}, {"kind": "freeze_account", "indicator_key": "\(Self.accountKey)"},
             {"kind": "remove_advert"}]
            """)
        let release = Disclosure.sectorRelease(of: Self.source(.amber), disruptions: released, partners: Self.partners)
        #expect(Set(release.keys.map(\.partnerID)) == ["bank", "bank2", "telco"])
        #expect(release[Self.partners[2]]?.map(\.indicatorKey) == [Self.phoneKey])
        #expect(release[Self.partners[1]]?.map(\.indicatorKey) == [Self.accountKey])
        #expect(release[Self.partners[3]] == nil, "a disruption on no indicator confirms nothing")
    }

    @Test("markings that keep the referral's data from other partners keep it from the sector; nothing released, nothing confirmed")
    func markingsAndEmbargo() throws {
        let released = try Self.disruptions(#"[{"kind": "freeze_account", "indicator_key": "\#(Self.accountKey)"}]"#)
        for source in [Self.source(.red), Self.source(.amberStrict), Self.source(.green, .conditions)] {
            let release = Disclosure.sectorRelease(of: source, disruptions: released, partners: Self.partners)
            #expect(Set(release.keys.map(\.partnerID)) == ["bank"], "\(source.markings.tlp)")
        }
        // Under embargo the decision point releases no disruption: nobody is told anything.
        #expect(Disclosure.sectorRelease(of: Self.source(.clear), disruptions: [], partners: Self.partners).isEmpty)
    }
}
