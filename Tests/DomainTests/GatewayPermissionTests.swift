import Domain
import Foundation
import Testing

@Suite struct GatewayPermissionTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static let cca = LawfulGateway(
        code: "cca_2013_s7", title: "Disclosure to the National Crime Agency", citation: "Crime and Courts Act 2013, s.7",
        invokers: GatewayInvokers(sectors: Set(Sector.allCases), regulatedSector: true, publicAuthority: true),
        permittedAgencies: [.ncaTICAT, .ncaInternational], onwardDisclosure: "Schedule 7.")
    static let part3 = LawfulGateway(
        code: "dpa_2018_part3", title: "Law-enforcement processing", citation: "Data Protection Act 2018, Part 3",
        invokers: GatewayInvokers(publicAuthority: true), permittedAgencies: nil, onwardDisclosure: "s.62 logs.")
    static let eccta = LawfulGateway(
        code: "eccta_2023_ss188_189", title: "Economic crime", citation: "ECCTA 2023, ss.188–189",
        invokers: GatewayInvokers(regulatedSector: true), permittedAgencies: nil, onwardDisclosure: "Purpose only.")
    static let retired = LawfulGateway(
        code: "old_gateway", title: "Old", citation: "Old Act", invokers: GatewayInvokers(sectors: [.telco]),
        permittedAgencies: nil, onwardDisclosure: "None.", retiredAt: now.addingTimeInterval(-1))
    static let registry = Dictionary(uniqueKeysWithValues: [cca, part3, eccta, retired].map { ($0.code, $0) })

    static func partner(_ sector: Sector, regulated: Bool = false, agreed: Set<GatewayCode> = Set(registry.keys)) -> PartnerStanding {
        PartnerStanding(sector: sector, regulatedSector: regulated, publicAuthority: false, agreedGateways: agreed)
    }

    static func refusal(_ code: GatewayCode, _ partner: PartnerStanding) -> GatewayRefusal? {
        GatewayPermission.refusal(invoking: code, registry: registry, partner: partner, now: now)
    }

    @Test func aTelcoCitingDPAPart3IsNotAnInvokerWhateverItsAgreementSays() {
        #expect(Self.refusal("dpa_2018_part3", Self.partner(.telco))?.description
            == "a telco partner may not invoke dpa_2018_part3 (Data Protection Act 2018, Part 3): it may be invoked by public authorities")
    }

    @Test func aGatewayOutsideTheAgreementIsRefusedByName() {
        let telco = Self.partner(.telco, agreed: ["eccta_2023_ss188_189"])
        #expect(Self.refusal("cca_2013_s7", telco) == .notInAgreement(Self.cca))
        #expect(Self.refusal("cca_2013_s7", Self.partner(.telco)) == nil)
    }

    @Test func regulatedSectorStandingDecidesECCTA() {
        #expect(Self.refusal("eccta_2023_ss188_189", Self.partner(.finance, regulated: true)) == nil)
        #expect(Self.refusal("eccta_2023_ss188_189", Self.partner(.telco)) == .notAnInvoker(Self.eccta, sector: .telco))
    }

    @Test func unknownAndRetiredCodes() {
        #expect(Self.refusal("gdpr_art6", Self.partner(.telco))?.description
            == "unknown gateway 'gdpr_art6'; expected one of cca_2013_s7, dpa_2018_part3, eccta_2023_ss188_189")
        #expect(Self.refusal("old_gateway", Self.partner(.telco)) == .retired(Self.retired))
        // Retirement dated in the future has not happened yet.
        #expect(GatewayPermission.isRetired(Self.retired, now: Self.now.addingTimeInterval(-10)) == false)
    }

    @Test func aNewPartnerIsOfferedWhatItsStandingMayInvoke() {
        let gateways = Array(Self.registry.values)
        #expect(GatewayPermission.invocable(by: Self.partner(.telco), among: gateways, now: Self.now) == ["cca_2013_s7"])
        #expect(GatewayPermission.invocable(by: Self.partner(.finance, regulated: true), among: gateways, now: Self.now)
            == ["cca_2013_s7", "eccta_2023_ss188_189"])
    }

    /// Every set of teams routing could choose: under s.7 no non-NCA team is ever kept, every NCA
    /// team is, and the referral goes to an analyst exactly when no NCA team was chosen.
    @Test func ccaIsNeverTaskedToANonNCATeam() {
        let teams: [TeamCode] = [.ncaTICAT, .ncaInternational, .colpFTC, .reportFraud, .rocu]
        for mask in 1..<(1 << teams.count) {
            let routes = teams.indices.filter { mask & (1 << $0) != 0 }.map {
                TaskingRoute(team: teams[$0], priority: .p3, slaHours: 24, ruleIDs: ["rule-\($0)"])
            }
            let routing = GatewayPermission.filter(routes, gateway: Self.cca)
            let chosenNCA = routes.filter { $0.team.rawValue.hasPrefix("NCA_") }
            #expect(routing.permitted == chosenNCA)
            #expect(routing.permitted.count + routing.withheld.count == routes.count)
            #expect(routing.needsAnalyst == chosenNCA.isEmpty)
        }
    }

    @Test func theFlagSaysWhy() {
        let routes = [TaskingRoute(team: .reportFraud, priority: .p3, slaHours: 336, ruleIDs: ["fraud-report-fraud"])]
        #expect(GatewayPermission.filter(routes, gateway: Self.cca).reason(code: "cca_2013_s7", gateway: Self.cca)
            == "gateway cca_2013_s7 permits only NCA_INTERNATIONAL, NCA_TICAT; routing chose REPORT_FRAUD")
        let missing = GatewayPermission.filter(routes, gateway: nil)
        #expect(missing.needsAnalyst)
        #expect(missing.reason(code: "gone", gateway: nil) == "gateway gone is not in the registry; routing chose REPORT_FRAUD")
        #expect(!GatewayPermission.filter(routes, gateway: Self.part3).needsAnalyst)
        #expect(!GatewayPermission.filter([], gateway: Self.cca).needsAnalyst)
    }
}
