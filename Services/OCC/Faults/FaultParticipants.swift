import Domain
import Postgres
import ServiceKit

/// Who drives the load: two partners in every sector with submit keys, and an officer with a key
/// in each agency the routing rules task (registered as an operator would, through the registries).
struct FaultParticipants: Sendable {
    struct Partner: Sendable {
        let name: String
        let sector: Sector
        let key: String
    }

    static let agencies = ["COLP_FTC", "NCA_TICAT", "REPORT_FRAUD"]
    static let partnersPerSector = 2

    let partners: [Partner]
    /// Agency code → the key of an officer of that agency.
    let officers: [String: String]

    static func register(conninfo: String) async throws -> FaultParticipants {
        let pool = PostgresPool(.init(conninfo: conninfo, maxConnections: 2, applicationName: "occ-faults"))
        do {
            let registry = PartnerRegistry(pool: pool)
            let keys = APIKeyRegistry(pool: pool)
            var partners: [Partner] = []
            for sector in Sector.allCases {
                for number in 1...partnersPerSector {
                    let name = "Fault suite \(sector.rawValue) partner \(number)"
                    let partner = try await registry.add(name: name, sector: sector, actor: "occ-faults")
                    let key = try await keys.issue(owner: .partner(id: partner.id), scopes: [.partnerSubmit, .partnerFeedback], actor: "occ-faults")
                    partners.append(Partner(name: name, sector: sector, key: key.token))
                }
            }
            // Agency work is done by named officers with their own keys, under their agency.
            var officers: [String: String] = [:]
            let officerRegistry = OfficerRegistry(pool: pool)
            for agency in agencies {
                let officer = try await officerRegistry.add(agency: agency, name: "Fault suite officer", staffID: "FAULTS1", actor: "occ-faults")
                officers[agency] = try await keys.issue(officer: officer.id, actor: "occ-faults").key.token
            }
            await pool.close()
            return FaultParticipants(partners: partners, officers: officers)
        } catch {
            await pool.close()
            throw error
        }
    }
}
