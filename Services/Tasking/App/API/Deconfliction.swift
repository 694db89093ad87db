import Postgres

/// The deconfliction flag on a tasking: several agencies hold open taskings on referrals of its
/// network, so their work must be coordinated (with the lead agency, once one is designated).
struct Deconfliction: Encodable, Sendable {
    let networkID: Int64
    let agencies: [String]
    let leadAgency: String?

    /// nil when the row carries no flag.
    init?(row: PostgresRow) throws {
        guard let network = try row.decode(Int64?.self, "deconfliction_network") else { return nil }
        networkID = network
        agencies = try row.decode([String].self, "deconfliction_agencies")
        leadAgency = try row.decode(String?.self, "deconfliction_lead")
    }

    private enum CodingKeys: String, CodingKey {
        case agencies
        case networkID = "network_id"
        case leadAgency = "lead_agency"
    }
}
