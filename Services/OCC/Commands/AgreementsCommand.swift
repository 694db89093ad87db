import Domain
import Foundation
import ServiceKit

/// `occ agreements list [--partner ID]`.
enum AgreementsListCommand: Command {
    static let path = ["agreements", "list"]
    static let summary = "list data-sharing agreements"
    static let help = """
        usage: occ agreements list [--partner ID]

        Prints every agreement (or only partner ID's), one per line, tab-separated: id, partner,
        'in force', 'pending' or 'ended', valid from, valid to ('open'), gateways, reference.
        """
    static let valuedOptions: Set<String> = ["partner"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let partner = try arguments.string("partner").map { text throws(UsageError) in
            guard let id = Int64(text), id > 0 else { throw UsageError("--partner takes a partner id") }
            return id
        }
        let agreements = try await Database.withOperatorPool { try await AgreementRegistry(pool: $0).list(partnerID: partner) }
        let now = Date()
        for agreement in agreements {
            let state = agreement.isInForce(at: now) ? "in force" : agreement.validFrom > now ? "pending" : "ended"
            print([String(agreement.id), String(agreement.partnerID), state, agreement.validFrom.formatted(.iso8601),
                   agreement.validTo.map { $0.formatted(.iso8601) } ?? "open",
                   agreement.gateways.map(\.rawValue).joined(separator: ","), agreement.reference].joined(separator: "\t"))
        }
    }
}

/// `occ agreements add --partner ID --gateways CODE,CODE --reference TEXT [--from DATE] [--to DATE]`.
enum AgreementsAddCommand: Command {
    static let path = ["agreements", "add"]
    static let summary = "record a partner's data-sharing agreement"
    static let help = """
        usage: occ agreements add --partner ID --gateways CODE,CODE --reference TEXT [--from DATE] [--to DATE]

        Records that partner ID may cite the listed gateways from --from (default now) until --to
        (default open-ended); dates are ISO 8601 (2027-01-31 or 2027-01-31T12:00:00Z). Every
        gateway must be in the registry, not retired, and invocable by the partner's sector or
        standing. Intake applies it within its registry refresh interval. The change is audited.
        A partner registered with 'occ partners add' already has a default agreement.
        """
    static let valuedOptions: Set<String> = ["partner", "gateways", "reference", "from", "to"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        guard let partner = Int64(try arguments.require("partner")), partner > 0 else { throw UsageError("--partner takes a partner id") }
        let codes = try arguments.require("gateways").split(separator: ",").map(String.init)
        let gateways = codes.compactMap(GatewayCode.init(checking:))
        guard gateways.count == codes.count else { throw UsageError("--gateways takes a comma-separated list of gateway codes") }
        let reference = try arguments.require("reference")
        let from = try date(arguments.string("from"), option: "from")
        let to = try date(arguments.string("to"), option: "to")
        if let from, let to, to < from { throw UsageError("--to is before --from") }
        let agreement = try await Database.withOperatorPool { pool in
            do {
                return try await AgreementRegistry(pool: pool).add(
                    partnerID: partner, reference: reference, gateways: gateways, validFrom: from, validTo: to)
            } catch let refusal as RegistryRefusal {
                throw UsageError(refusal.description)
            }
        }
        print("agreement \(agreement.id)\tpartner \(agreement.partnerID)\t\(agreement.gateways.map(\.rawValue).joined(separator: ","))")
    }

    static func date(_ text: String?, option: String) throws(UsageError) -> Date? {
        guard let text else { return nil }
        let full = text.count == 10 ? text + "T00:00:00Z" : text
        guard let date = try? Date(full, strategy: .iso8601) else {
            throw UsageError("--\(option) must be an ISO 8601 date or timestamp, e.g. 2027-01-31")
        }
        return date
    }
}

/// `occ agreements end ID`.
enum AgreementsEndCommand: Command {
    static let path = ["agreements", "end"]
    static let summary = "end a data-sharing agreement now"
    static let help = """
        usage: occ agreements end ID

        Ends agreement ID now (a pending one never comes into force). Intake refuses the partner's
        referrals citing gateways no other agreement in force includes, within its registry
        refresh interval. The change is audited.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let text = arguments.positionals.first, let id = Int64(text), id > 0 else {
            throw UsageError("give the agreement's id (see 'occ agreements list')")
        }
        guard let agreement = try await Database.withOperatorPool({ try await AgreementRegistry(pool: $0).end(id: id) }) else {
            throw UsageError("no agreement \(id) in force or pending")
        }
        print("agreement \(agreement.id)\tended \(agreement.validTo.map { $0.formatted(.iso8601) } ?? "")")
    }
}
