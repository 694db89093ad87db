import Domain
import Foundation
import Testing

@Suite struct TaskingRouterTests {
    private let router = TaskingRouter()

    private func facts(
        _ type: CrimeType, score: Int = 40, partners: Int = 1, kinds: Set<IndicatorKind> = [.phone], overseas: Bool = false
    ) -> RoutingFacts {
        RoutingFacts(crimeType: type, score: score, distinctPartners: partners, indicatorKinds: kinds, overseas: overseas)
    }

    @Test func cyberGoesToTICAT() {
        #expect(router.route(facts(.cyberRansomware)) == [
            TaskingRoute(team: .ncaTICAT, priority: .p2, slaHours: 24, ruleIDs: ["cyber-ticat"]),
        ])
    }

    @Test func highHarmCyberIsOneP1TaskingForTICAT() {
        #expect(router.route(facts(.cyberDDoS, score: 85)) == [
            TaskingRoute(team: .ncaTICAT, priority: .p1, slaHours: 4, ruleIDs: ["cyber-ticat-high-harm", "cyber-ticat"]),
        ])
    }

    @Test func singlePartnerFraudGoesToReportFraudOnly() {
        #expect(router.route(facts(.fraudAPPRomance)) == [
            TaskingRoute(team: .reportFraud, priority: .p3, slaHours: 336, ruleIDs: ["fraud-report-fraud"]),
        ])
    }

    @Test func corroboratedFraudAlsoGoesToFTC() {
        #expect(router.route(facts(.fraudCourier, partners: 2)).map(\.team) == [.colpFTC, .reportFraud])
    }

    @Test func overseasAddsNCAInternationalAndOrderIsStable() {
        let routes = router.route(facts(.fraudAPPInvestment, partners: 3, overseas: true))
        #expect(routes.map(\.team) == [.colpFTC, .ncaInternational, .reportFraud])
        #expect(routes.map(\.priority) == [.p2, .p3, .p3])
        #expect(router.route(facts(.cyberHacking, overseas: true)).map(\.team) == [.ncaTICAT, .ncaInternational])
    }

    @Test func overseasComesFromIndicatorsToo() throws {
        var submission = validSubmission()
        submission.indicators?.append(IndicatorSubmission(kind: "iban", value: "DE89370400440532013000"))
        let referral = try ReferralValidator.validate(submission).get()
        let now = date("2026-03-01T00:00:00Z")
        let score = HarmScore.compute(referral, corroboration: .uncorroborated, receivedAt: now, now: now)
        let facts = RoutingFacts(
            referral: referral, score: score.value, distinctPartners: 1, sector: .finance, lossGBP: nil, networkSize: 1,
            policeForce: nil, rocuRegion: nil)
        #expect(facts.overseas)
        #expect(router.route(facts).map(\.team) == [.ncaInternational, .reportFraud])
    }

    @Test func rulesAreDataWithAllConditions() throws {
        let json = """
            [{"id": "wallets-rocu", "description": "Crypto wallets in high-harm investment fraud",
              "match": {"crime_types": ["fraud.app_investment"], "minimum_score": 60,
                        "indicator_kinds_any": ["crypto_wallet"], "overseas": false},
              "route": {"team": "ROCU", "priority": "P2", "sla_hours": 48}},
             {"id": "disabled", "description": "off", "enabled": false,
              "match": {}, "route": {"team": "NCA_TICAT", "priority": "P1", "sla_hours": 1}}]
            """
        let rules = try JSONDecoder().decode([RoutingRule].self, from: Data(json.utf8))
        let custom = TaskingRouter(rules: rules)
        #expect(custom.route(facts(.fraudAPPInvestment, score: 70, kinds: [.cryptoWallet, .phone])).map(\.team) == [.rocu])
        #expect(custom.route(facts(.fraudAPPInvestment, score: 50, kinds: [.cryptoWallet])).isEmpty)
        #expect(custom.route(facts(.fraudAPPInvestment, score: 70, kinds: [.phone])).isEmpty)
        #expect(custom.route(facts(.fraudAPPRomance, score: 70, kinds: [.cryptoWallet])).isEmpty)
        #expect(custom.route(facts(.fraudAPPInvestment, score: 70, kinds: [.cryptoWallet], overseas: true)).isEmpty)
    }

    @Test func defaultsRoundTripAsJSONAndValidate() throws {
        let decoded = try JSONDecoder().decode([RoutingRule].self, from: Data(RoutingRule.defaultsJSON.utf8))
        #expect(decoded == RoutingRule.defaults)
        #expect(RoutingRule.defaults.allSatisfy { $0.validate().isEmpty })
        #expect(RoutingRule.defaultsJSON.contains("\"sla_hours\":336"))
    }

    @Test func ruleValidationReportsPaths() {
        let bad = RoutingRule(
            id: "Bad Rule", description: "x", match: RoutingMatch(minimumScore: 101, minimumDistinctPartners: 0),
            route: RouteTarget(team: "nca ticat", priority: .p1, slaHours: 0))
        #expect(bad.validate().map(\.description) == [
            "id: must be 1–64 lower-case letters, digits or hyphens",
            "route.team: must be upper-case letters, digits and _ (e.g. NCA_TICAT)",
            "route.sla_hours: must be between 1 and 8760",
            "match.minimum_score: must be between 0 and 100",
            "match.minimum_distinct_partners: must be at least 1",
        ])
    }

    @Test func deadlineAddsSLA() {
        let route = TaskingRoute(team: .reportFraud, priority: .p3, slaHours: 336, ruleIDs: [])
        #expect(route.deadline(from: date("2026-03-01T00:00:00Z")) == date("2026-03-15T00:00:00Z"))
    }
}
