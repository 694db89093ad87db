import Domain
import Foundation
import Postgres
import ServiceKit

/// `occ partners add --name --sector [--regulated-sector yes|no] [--public-authority] [--no-agreement]`.
enum PartnersAddCommand: Command {
    static let path = ["partners", "add"]
    static let summary = "register an industry partner"
    static let help = """
        usage: occ partners add --name NAME --sector telco|tech|cyber|finance
                                [--regulated-sector yes|no] [--public-authority] [--no-agreement]

        Registers a partner on DATABASE_URL and prints its id; issue it a key with
        'occ keys issue --partner ID --scopes partner:submit'.
          --regulated-sector  whether it is a regulated-sector firm (default: yes for finance,
                              no otherwise); decides which lawful gateways it may invoke
          --public-authority  it is a public authority (default no)
          --no-agreement      grant no data-sharing agreement; by default the partner gets one,
                              open-ended, for every current gateway its standing may invoke
                              (printed), so it can submit at once
        The change is audited.
        """
    static let valuedOptions: Set<String> = ["name", "sector", "regulated-sector"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, flags: ["public-authority", "no-agreement"])
        let name = try arguments.require("name")
        guard name.count <= 200 else { throw UsageError("--name must be at most 200 characters") }
        guard let sector = Sector(rawValue: try arguments.require("sector")) else {
            throw UsageError("--sector must be one of \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let regulated: Bool? = switch arguments.string("regulated-sector") {
        case nil: nil
        case "yes": true
        case "no": false
        default: throw UsageError("--regulated-sector takes yes or no")
        }
        let (partner, agreements) = try await Database.withOperatorPool { pool in
            do {
                let partner = try await PartnerRegistry(pool: pool).add(
                    name: name, sector: sector, regulatedSector: regulated, publicAuthority: arguments.flag("public-authority"),
                    grantAgreement: !arguments.flag("no-agreement"))
                return (partner, try await AgreementRegistry(pool: pool).list(partnerID: partner.id))
            } catch let error as PostgresError where error.sqlState == .uniqueViolation {
                throw UsageError("a partner named \(name.debugDescription) already exists")
            }
        }
        print("partner \(partner.id)  \(partner.name)  \(partner.sector.rawValue)")
        for agreement in agreements {
            progressLine("agreement \(agreement.id): \(agreement.gateways.map(\.rawValue).joined(separator: ", "))")
        }
        if agreements.isEmpty { progressLine("no agreement: add one with 'occ agreements add --partner \(partner.id)'") }
    }
}

/// `occ partners list`.
enum PartnersListCommand: Command {
    static let path = ["partners", "list"]
    static let summary = "list registered partners"
    static let help = """
        usage: occ partners list

        Prints every partner: id, sector, name.
        """

    static func run(_ arguments: Arguments) async throws {
        let partners = try await Database.withOperatorPool { try await PartnerRegistry(pool: $0).list() }
        for partner in partners {
            print("\(partner.id)\t\(partner.sector.rawValue)\t\(partner.name)")
        }
    }
}

/// `occ agencies list`.
enum AgenciesListCommand: Command {
    static let path = ["agencies", "list"]
    static let summary = "list the law-enforcement teams that receive taskings"
    static let help = """
        usage: occ agencies list

        Prints every agency code and name (seeded by the schema migrations).
        """

    static func run(_ arguments: Arguments) async throws {
        let agencies = try await Database.withOperatorPool { try await PartnerRegistry(pool: $0).agencies() }
        for agency in agencies {
            print("\(agency.code)\t\(agency.name)")
        }
    }
}

extension Database {
    /// A small pool on DATABASE_URL for one operator command, closed when the command is done.
    static func withOperatorPool<T: Sendable>(_ body: (PostgresPool) async throws -> T) async throws -> T {
        let database = try resolve(localFallback: false)
        let pool = PostgresPool(.init(conninfo: database.conninfo, maxConnections: 2, applicationName: "occ"))
        do {
            let value = try await body(pool)
            await pool.close()
            return value
        } catch {
            await pool.close()
            throw error
        }
    }
}
