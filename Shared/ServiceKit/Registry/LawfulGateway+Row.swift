import Domain
import Foundation
import Postgres

extension LawfulGateway {
    /// Every gateway, retired ones included, in code order.
    public static let registryQuery = GatewayQueries.all

    /// A `lawful_gateways` row (the columns `GatewayQueries` select), as intake, tasking and the CLI read it.
    public init(row: PostgresRow) throws {
        let sectorNames = try row.decode([String].self, "invoker_sectors")
        let sectors = try Set(sectorNames.map { name in
            guard let sector = Sector(rawValue: name) else {
                throw PostgresError(.decoding, queryName: "lawful_gateways", reason: "unknown sector \(name) in database")
            }
            return sector
        })
        let agencies = try row.decode([String]?.self, "permitted_agencies")
        self.init(
            code: GatewayCode(rawValue: try row.decode(String.self, "code")), title: try row.decode(String.self, "title"),
            citation: try row.decode(String.self, "citation"),
            invokers: GatewayInvokers(
                sectors: sectors, regulatedSector: try row.decode(Bool.self, "invoker_regulated_sector"),
                publicAuthority: try row.decode(Bool.self, "invoker_public_authority")),
            permittedAgencies: agencies.map { Set($0.map(TeamCode.init(rawValue:))) },
            onwardDisclosure: try row.decode(String.self, "onward_disclosure"),
            retiredAt: try row.decode(Date?.self, "retired_at"))
    }
}
