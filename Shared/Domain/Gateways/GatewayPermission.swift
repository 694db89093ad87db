import Foundation

/// The lawful-gateway rules, applied at intake (may this partner invoke it?) and after routing
/// (may this team receive it?). Pure: the registry rows and the partner's standing come in as values.
public enum GatewayPermission {
    /// Nil when the partner may invoke `code` now; otherwise the first reason it may not, in the
    /// order a partner can act on: the code, the gateway's state, the law, then the agreement.
    public static func refusal(
        invoking code: GatewayCode, registry: [GatewayCode: LawfulGateway], partner: PartnerStanding, now: Date
    ) -> GatewayRefusal? {
        guard let gateway = registry[code] else {
            let current = registry.values.filter { !isRetired($0, now: now) }.map(\.code).sorted()
            return .unknown(code, known: current)
        }
        if isRetired(gateway, now: now) { return .retired(gateway) }
        guard gateway.invokers.admit(partner) else { return .notAnInvoker(gateway, sector: partner.sector) }
        guard partner.agreedGateways.contains(code) else { return .notInAgreement(gateway) }
        return nil
    }

    public static func isRetired(_ gateway: LawfulGateway, now: Date) -> Bool {
        gateway.retiredAt.map { $0 <= now } ?? false
    }

    /// Splits the routes rule evaluation chose into those the gateway permits and those it does not.
    /// A referral whose gateway is missing from the registry permits no team (an analyst decides).
    public static func filter(_ routes: [TaskingRoute], gateway: LawfulGateway?) -> GatewayRouting {
        guard let gateway else { return GatewayRouting(permitted: [], withheld: routes) }
        let permitted = routes.filter { gateway.permits($0.team) }
        let withheld = routes.filter { !gateway.permits($0.team) }
        return GatewayRouting(permitted: permitted, withheld: withheld)
    }

    /// The gateways a partner of this standing may invoke, e.g. for the agreement a new partner is given.
    public static func invocable(by partner: PartnerStanding, among gateways: [LawfulGateway], now: Date) -> [GatewayCode] {
        gateways.filter { !isRetired($0, now: now) && $0.invokers.admit(partner) }.map(\.code).sorted()
    }
}
