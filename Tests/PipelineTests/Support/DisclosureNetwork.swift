import Foundation

/// The issue's network: A's referral shares a phone number with B's, B's a bank account with C's;
/// A and C share nothing. A's markings are the test's to choose.
struct DisclosureNetwork: Sendable {
    let a: TestPartner
    let b: TestPartner
    let c: TestPartner
    let aReferral: UUID
    let bReferral: UUID
    let cReferral: UUID

    static let phoneKey = "phone:+447700900555"
    static let accountKey = "uk_bank_account:20-00-00 55779911"
    static let redWithConditions = #"{"tlp": "RED", "source_evaluation": 1, "intelligence_assessment": "A", "handling_code": "C", "handling_conditions": "Do not disclose to any other industry partner"}"#
    static let amber = #"{"tlp": "AMBER", "source_evaluation": 2, "intelligence_assessment": "B", "handling_code": "P"}"#

    static func referral(_ reference: String, markings: String, indicators: String) -> String {
        """
        {"partner_reference": "\(reference)", "crime_type": "fraud.app_impersonation", "summary": "Impersonation calls and mule payments",
         "indicators": [\(indicators)], "gateway": "eccta_2023_ss188_189", "markings": \(markings)}
        """
    }

    /// Registers the three partners and submits their referrals in order (A, then B, then C),
    /// each tasked before the next so B links to A and C to B.
    static func build(_ harness: PipelineHarness, aMarkings: String) async throws -> DisclosureNetwork {
        let a = try await harness.partner("Alpha Telecom", .telco)
        let b = try await harness.partner("Bravo Bank", .finance)
        let c = try await harness.partner("Charlie Lending", .finance)
        let submissions = [
            (a, referral("A-1", markings: aMarkings, indicators: #"{"kind": "phone", "value": "07700 900555"}"#)),
            (b, referral("B-1", markings: amber, indicators: """
                {"kind": "phone", "value": "+44 7700 900555"}, {"kind": "uk_bank_account", "sort_code": "20-00-00", "account_number": "55779911"}
                """)),
            (c, referral("C-1", markings: amber, indicators: #"{"kind": "uk_bank_account", "sort_code": "200000", "account_number": "55779911"}"#)),
        ]
        var ids: [UUID] = []
        for (partner, body) in submissions {
            let id = try await harness.submit(partner, body)
            guard try await harness.waitUntilTasked(id) else { throw ScenarioError("referral \(id) was not tasked") }
            ids.append(id)
        }
        return DisclosureNetwork(a: a, b: b, c: c, aReferral: ids[0], bReferral: ids[1], cReferral: ids[2])
    }
}
