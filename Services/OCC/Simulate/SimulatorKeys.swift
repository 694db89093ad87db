import Domain
import Foundation
import Postgres
import ServiceKit

/// The simulator's credentials: a partner key per sector, an officer's key per agency and an
/// oversight key. Issued once by `occ simulate setup` (or the demo) and handed to the simulator
/// in a file only it can read, never baked into an image.
struct SimulatorKeys: Codable, Sendable {
    /// API key by sector (`telco`, `tech`, `cyber`, `finance`).
    var partners: [String: String]
    /// API key of the agency's demo officer, by agency code.
    var officers: [String: String]
    var oversight: String

    /// The agencies the simulator's officers work for.
    static let agencies = [("COLP_FTC", "DC Demo Fraud"), ("NCA_TICAT", "Demo Cyber Officer"), ("REPORT_FRAUD", "Demo Reviewer")]
    static let partnerNames: [Sector: String] = [
        .telco: "Demo Telecom plc", .tech: "Demo Platforms Ltd", .cyber: "Demo Cyber Defence", .finance: "Demo Bank plc",
    ]

    /// Registers a partner per sector and an officer per agency, and issues their keys.
    static func issue(pool: PostgresPool, actor: String) async throws -> SimulatorKeys {
        let partners = PartnerRegistry(pool: pool)
        let keys = APIKeyRegistry(pool: pool)
        var partnerKeys: [String: String] = [:]
        for sector in Sector.allCases {
            let name = "\(partnerNames[sector]!) \(UInt16.random(in: 1000...9999))"
            let partner = try await partners.add(name: name, sector: sector, actor: actor)
            partnerKeys[sector.rawValue] = try await keys.issue(
                owner: .partner(id: partner.id), scopes: [.partnerSubmit, .partnerFeedback], actor: actor).token
        }
        // Agency work is done by named officers with their own keys, under their agency.
        var officerKeys: [String: String] = [:]
        let officers = OfficerRegistry(pool: pool)
        for (agency, name) in agencies {
            let officer = try await officers.add(agency: agency, name: name, staffID: "DEMO\(UInt16.random(in: 1000...9999))", actor: actor)
            officerKeys[agency] = try await keys.issue(officer: officer.id, actor: actor).key.token
        }
        let oversight = try await keys.issue(owner: .exchange, scopes: [.oversight], actor: actor).token
        return SimulatorKeys(partners: partnerKeys, officers: officerKeys, oversight: oversight)
    }

    func partner(_ sector: Sector) throws -> String {
        guard let key = partners[sector.rawValue] else { throw DemoFailure("the key file has no \(sector.rawValue) partner key") }
        return key
    }

    func officer(_ agency: String) throws -> String {
        guard let key = officers[agency] else { throw DemoFailure("the key file has no officer key for \(agency)") }
        return key
    }
}
