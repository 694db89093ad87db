import Domain
import Foundation
import HTTP
import Postgres

/// What raising a request on a tasking is checked against: the tasking's referral (locked with
/// the tasking), the request kinds and the lawful gateways in force.
struct RaiseContext: Sendable {
    let taskingID: UUID
    let referralID: UUID
    /// The referrer, as the decision point names partners.
    let partnerID: String
    let referral: ValidReferral
    let traceID: String
    let kinds: [String: RequestKind]
    let gateways: Set<GatewayCode>

    /// 404 for a tasking not of `agency`, 409 for a closed one.
    static func load(tasking: UUID, agency: String, on connection: PostgresConnection) async throws -> RaiseContext {
        guard let row = try await connection.query(PartnerRequestQueries.referralForTasking.binding(tasking, agency)).single else {
            throw HTTPError(.notFound, detail: "no such tasking for this agency")
        }
        guard try row.decode(String.self, "status") != "closed" else {
            throw HTTPError(.conflict, detail: "the tasking is closed; nothing more can be asked on it")
        }
        let referral = try JSONDecoder().decode(ValidReferral.self, from: Data(try row.decode(String.self, "canonical").utf8))
        var kinds: [String: RequestKind] = [:]
        for kindRow in try await connection.query(PartnerRequestQueries.kinds) {
            let kind = try RequestKind(row: kindRow)
            kinds[kind.code] = kind
        }
        let gateways = try await connection.query(PartnerRequestQueries.gateways).map { GatewayCode(rawValue: try $0.decode(String.self, "code")) }
        return RaiseContext(
            taskingID: tasking, referralID: try row.decode(UUID.self, "id"), partnerID: String(try row.decode(Int64.self, "partner_id")), referral: referral,
            traceID: try row.decode(String.self, "trace_id"), kinds: kinds, gateways: Set(gateways))
    }

    /// The referral as the disclosure decision point weighs it: the indicator's value is its data.
    var source: DisclosureSource {
        DisclosureSource(
            referralID: referralID.uuidString.lowercased(), partnerID: partnerID, partnerName: "", markings: referral.markings,
            indicatorKeys: Set(referral.indicators.map(\.key)))
    }
}

extension RequestKind {
    /// A `request_kinds` row; an unknown sector or indicator kind in it is a data error, not skipped.
    init(row: PostgresRow) throws {
        let code = try row.decode(String.self, "code")
        let sectors = try row.decode([String].self, "acting_sectors")
        let kinds = try row.decode([String].self, "indicator_kinds")
        let actingSectors = Set(sectors.compactMap(Sector.init(rawValue:)))
        let indicatorKinds = Set(kinds.compactMap(IndicatorKind.init(rawValue:)))
        guard actingSectors.count == Set(sectors).count, indicatorKinds.count == Set(kinds).count else {
            throw PostgresError(.decoding, queryName: "request_kinds", reason: "request kind \(code) names an unknown sector or indicator kind")
        }
        self.init(code: code, title: try row.decode(String.self, "title"), actingSectors: actingSectors, indicatorKinds: indicatorKinds)
    }
}
