import Domain
import Foundation
import ServiceKit

/// `occ gateways list`.
enum GatewaysListCommand: Command {
    static let path = ["gateways", "list"]
    static let summary = "list the lawful gateways of the registry"
    static let help = """
        usage: occ gateways list

        Prints every lawful gateway, one per line, tab-separated: code, 'active' or
        'retired <time UTC>', citation, who may invoke it, the agencies that may be tasked under
        it ('any' when unrestricted). Intake and tasking read this registry at request time.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let gateways = try await Database.withOperatorPool { try await GatewayRegistry(pool: $0).list() }
        for gateway in gateways {
            print([gateway.code.rawValue, state(gateway), gateway.citation, gateway.invokers.description, agencies(gateway)]
                .joined(separator: "\t"))
        }
    }

    static func state(_ gateway: LawfulGateway) -> String {
        gateway.retiredAt.map { "retired \($0.formatted(.iso8601))" } ?? "active"
    }

    static func agencies(_ gateway: LawfulGateway) -> String {
        gateway.permittedAgencies.map { $0.isEmpty ? "none" : $0.sorted().map(\.rawValue).joined(separator: ",") } ?? "any"
    }
}

/// `occ gateways show CODE`.
enum GatewaysShowCommand: Command {
    static let path = ["gateways", "show"]
    static let summary = "show one lawful gateway in full"
    static let help = """
        usage: occ gateways show CODE

        Prints the gateway's code, title, citation, invokers, permitted agencies, onward-disclosure
        limits and state, one 'name: value' per line.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let text = arguments.positionals.first, let code = GatewayCode(checking: text) else {
            throw UsageError("give a gateway code (see 'occ gateways list')")
        }
        guard let gateway = try await Database.withOperatorPool({ try await GatewayRegistry(pool: $0).gateway(code) }) else {
            throw UsageError("no gateway \(code)")
        }
        print("""
            code: \(gateway.code)
            title: \(gateway.title)
            citation: \(gateway.citation)
            invoked by: \(gateway.invokers.description)
            permitted agencies: \(GatewaysListCommand.agencies(gateway))
            onward disclosure: \(gateway.onwardDisclosure)
            state: \(GatewaysListCommand.state(gateway))
            """)
    }
}

/// `occ gateways add --code … --title … --citation … --onward …`.
enum GatewaysAddCommand: Command {
    static let path = ["gateways", "add"]
    static let summary = "add a lawful gateway to the registry"
    static let help = """
        usage: occ gateways add --code CODE --title TEXT --citation TEXT --onward TEXT
                                [--sectors telco,tech,cyber,finance] [--regulated-sector] [--public-authority]
                                [--agencies CODE,CODE | --agencies any]

        Adds a gateway partners may cite once an agreement includes it ('occ agreements add').
          --code        lower-case letters, digits and underscores, e.g. cca_2013_s7
          --sectors     partner sectors that may invoke it (default none)
          --regulated-sector, --public-authority
                        partners with that standing may invoke it too
          --agencies    the agencies routing may task under it (default any); others are
                        withheld and the referral is flagged for an analyst if none remain
          --onward      the limits on onward disclosure, shown to officers
        The change is audited. Gateways are never deleted: see 'occ gateways retire'.
        """
    static let valuedOptions: Set<String> = ["code", "title", "citation", "onward", "sectors", "agencies"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, flags: ["regulated-sector", "public-authority"])
        guard let code = GatewayCode(checking: try arguments.require("code")) else {
            throw UsageError("--code must be lower-case letters, digits and underscores, 2 to 64, starting with a letter")
        }
        let (title, citation, onward) = (try arguments.require("title"), try arguments.require("citation"), try arguments.require("onward"))
        guard title.count <= 200, citation.count <= 300, onward.count <= 2000 else {
            throw UsageError("--title is at most 200 characters, --citation 300, --onward 2000")
        }
        let gateway = LawfulGateway(
            code: code, title: title, citation: citation,
            invokers: GatewayInvokers(
                sectors: try sectors(arguments.string("sectors")), regulatedSector: arguments.flag("regulated-sector"),
                publicAuthority: arguments.flag("public-authority")),
            permittedAgencies: try agencies(arguments.string("agencies")), onwardDisclosure: onward)
        let added = try await Database.withOperatorPool { pool in
            do {
                return try await GatewayRegistry(pool: pool).add(gateway)
            } catch let refusal as RegistryRefusal {
                throw UsageError(refusal.description)
            }
        }
        guard let added else { throw UsageError("a gateway \(code) already exists") }
        print("gateway \(added.code)\t\(added.citation)\t\(added.invokers.description)\t\(GatewaysListCommand.agencies(added))")
    }

    static func sectors(_ text: String?) throws(UsageError) -> Set<Sector> {
        guard let text, !text.isEmpty else { return [] }
        var sectors: Set<Sector> = []
        for name in text.split(separator: ",") {
            guard let sector = Sector(rawValue: String(name)) else {
                throw UsageError("--sectors takes a comma-separated list of \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            sectors.insert(sector)
        }
        return sectors
    }

    static func agencies(_ text: String?) throws(UsageError) -> Set<TeamCode>? {
        guard let text, text != "any" else { return nil }
        let codes = Set(text.split(separator: ",").map { TeamCode(rawValue: String($0)) })
        guard !codes.isEmpty, codes.allSatisfy(\.isWellFormed) else {
            throw UsageError("--agencies takes 'any' or a comma-separated list of agency codes (see 'occ agencies list')")
        }
        return codes
    }
}

/// `occ gateways retire CODE`.
enum GatewaysRetireCommand: Command {
    static let path = ["gateways", "retire"]
    static let summary = "retire a lawful gateway: no new referral may cite it"
    static let help = """
        usage: occ gateways retire CODE

        Marks the gateway retired now. Intake refuses new referrals citing it (422 on 'gateway')
        within its registry refresh interval, without a restart; referrals already received keep
        it and are still routed under it. The change is audited.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let text = arguments.positionals.first, let code = GatewayCode(checking: text) else {
            throw UsageError("give a gateway code (see 'occ gateways list')")
        }
        guard let gateway = try await Database.withOperatorPool({ try await GatewayRegistry(pool: $0).retire(code) }) else {
            throw UsageError("no gateway \(code)")
        }
        print("gateway \(gateway.code)\t\(GatewaysListCommand.state(gateway))")
    }
}
