import Domain
import Foundation
import Testing

/// Triage fit for harm: P1 by rule, conditions on every fact, NOT and stop rules, explanations.
@Suite struct TriageRoutingTests {
    private let router = TaskingRouter()

    @Test func majorLossRansomwareOnOneVictimIsP1ForTICAT() {
        let facts = RoutingFacts(
            crimeType: .cyberRansomware, score: 57, distinctPartners: 1, indicatorKinds: [.ipv4], overseas: false,
            vulnerable: true, lossGBP: 5_000_000)
        #expect(router.route(facts).first == TaskingRoute(
            team: .ncaTICAT, priority: .p1, slaHours: 4, ruleIDs: ["cyber-ticat-major-loss", "cyber-ticat"]))
    }

    @Test func threatToLifeFraudIsP1ForTheFTC() {
        let facts = RoutingFacts(
            crimeType: .fraudAPPRomance, score: 20, distinctPartners: 1, indicatorKinds: [.phone], overseas: false,
            harm: HarmFlags(threatToLife: true))
        #expect(router.route(facts).first == TaskingRoute(team: .colpFTC, priority: .p1, slaHours: 1, ruleIDs: ["threat-to-life-fraud"]))
    }

    @Test func aNorthWestVictimGoesToThatROCU() {
        let facts = RoutingFacts(
            crimeType: .fraudPurchase, score: 20, distinctPartners: 1, indicatorKinds: [.url], overseas: false,
            postcodeArea: "M", policeForce: "GMP", rocuRegion: "north-west")
        #expect(router.route(facts).map(\.team) == [.reportFraud, "ROCU_NORTH_WEST"])
    }

    @Test func everyConditionIsCheckedAndExplained() throws {
        let rule = try JSONDecoder().decode(RoutingRule.self, from: Data("""
            {"id": "vulnerable-bank-victims", "description": "d",
             "match": {"sectors": ["finance"], "gateways": ["eccta_2023_ss188_189"], "tlps": ["AMBER"], "minimum_vulnerability": "medium",
                       "minimum_loss_gbp": 1000, "minimum_network_size": 3, "indicator_kinds_all": ["phone", "iban"],
                       "police_forces": ["GMP"], "postcode_areas": ["M"], "safeguarding_concern": true,
                       "not": [{"crime_types": ["fraud.courier"]}]},
             "route": {"team": "COLP_FTC", "priority": "P1", "sla_hours": 2}, "stop": true}
            """.utf8))
        #expect(rule.validate().isEmpty)
        var facts = RoutingFacts(
            crimeType: .fraudAPPRomance, score: 30, distinctPartners: 2, indicatorKinds: [.phone, .iban], overseas: false,
            sector: .finance, gateway: "eccta_2023_ss188_189", tlp: .amber, vulnerable: true, vulnerabilityLevel: .high,
            lossGBP: 2_500, networkSize: 3, postcodeArea: "M", policeForce: "GMP", rocuRegion: "north-west",
            harm: HarmFlags(safeguardingConcern: true))
        #expect(rule.match.unmet(facts) == [])
        // Stop: no later rule adds Report Fraud or the ROCU.
        #expect(TaskingRouter(rules: [rule] + RoutingRule.defaults).route(facts).map(\.team) == [.colpFTC])
        facts.crimeType = .fraudCourier
        facts.vulnerabilityLevel = .low
        facts.networkSize = 2
        #expect(rule.match.unmet(facts) == [
            "minimum_vulnerability medium: low", "minimum_network_size 3: network has 2", "not[0]: its conditions all hold",
        ])
        #expect(TaskingRouter(rules: [rule] + RoutingRule.defaults).route(facts).map(\.team) == [.colpFTC, .reportFraud, "ROCU_NORTH_WEST"])
    }

    @Test func badConditionValuesAreReported() throws {
        var match = RoutingMatch()
        match.minimumLossGBP = -1
        match.minimumNetworkSize = 0
        let rule = RoutingRule(id: "bad", description: "d", match: match, route: RouteTarget(team: .colpFTC, priority: .p1, slaHours: 1))
        #expect(rule.validate().map(\.description) == [
            "match.minimum_loss_gbp: must be a non-negative amount", "match.minimum_network_size: must be at least 1",
        ])
    }

    @Test func harmFlagsAndPostcodeAreValidatedAtIntake() throws {
        let valid = try ReferralValidator.validate(submission(#""harm": {"threat_to_life": true}, "victims": {"count": 1, "postcode": "m1 1ae"}"#)).get()
        #expect(valid.harm == HarmFlags(threatToLife: true))
        #expect(valid.victims?.postcodeDistrict == "M1")
        #expect(valid.victims?.postcodeArea == "M")
        #expect(try ReferralValidator.validate(submission(#""victims": {"count": 1, "postcode": "SW1A"}"#)).get().victims?.postcodeArea == "SW")
        let refused = ReferralValidator.validate(try submission(#""harm": {"threat_to_life": "yes", "fear": true}, "victims": {"count": 1, "postcode": "12345"}"#))
        guard case .failure(let failure) = refused else { Issue.record("accepted"); return }
        #expect(Set(failure.errors.map(\.path.description)) == ["harm.threat_to_life", "harm.fear", "victims.postcode"])
    }

    private func submission(_ extra: String) throws -> ReferralSubmission {
        let json = """
            {"partner_reference": "H-1", "crime_type": "fraud.app_romance", "summary": "Romance fraud", \(extra),
             "indicators": [{"kind": "phone", "value": "07700 900123"}], "gateway": "eccta_2023_ss188_189",
             "markings": {"tlp": "AMBER", "source_evaluation": 2, "intelligence_assessment": "B", "handling_code": "P"}}
            """
        return ReferralSubmission(json: try JSONValue(parsing: Data(json.utf8)))
    }
}
