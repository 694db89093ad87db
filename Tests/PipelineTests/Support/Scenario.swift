import Foundation

/// The four-sector flow most tests start from: partners, agency keys and four referrals, each
/// tasked. The telco's referral is enriched before the bank's, so the bank's corroborates it and
/// the telco's is re-scored and routed again (to the Fraud Targeting Cell too).
struct Scenario: Sendable {
    let telco: TestPartner
    let tech: TestPartner
    let cyber: TestPartner
    let bank: TestPartner
    let telcoReferral: UUID
    let techReferral: UUID
    let cyberReferral: UUID
    let bankReferral: UUID

    static func run(_ harness: PipelineHarness) async throws -> Scenario {
        let telco = try await harness.partner("Telco One", .telco)
        let tech = try await harness.partner("Tech Platform", .tech)
        let cyber = try await harness.partner("Cyber Firm", .cyber)
        let bank = try await harness.partner("High Street Bank", .finance)
        let telcoReferral = try await harness.submit(telco, Fixtures.telco)
        guard try await harness.waitUntilTasked(telcoReferral) else { throw ScenarioError("telco referral was not tasked") }
        let bankReferral = try await harness.submit(bank, Fixtures.bank)
        let techReferral = try await harness.submit(tech, Fixtures.tech)
        let cyberReferral = try await harness.submit(cyber, Fixtures.cyber)
        for id in [bankReferral, techReferral, cyberReferral] where !(try await harness.waitUntilTasked(id)) {
            throw ScenarioError("referral \(id) was not tasked")
        }
        // The bank's referral joins the telco's network: the telco's is routed again.
        guard try await harness.waitUntilIdle() else { throw ScenarioError("the pipeline did not settle") }
        return Scenario(
            telco: telco, tech: tech, cyber: cyber, bank: bank, telcoReferral: telcoReferral, techReferral: techReferral,
            cyberReferral: cyberReferral, bankReferral: bankReferral)
    }
}

struct ScenarioError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
