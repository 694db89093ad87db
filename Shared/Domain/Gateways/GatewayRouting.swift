/// What the gateway filter left of routing's choice. When every chosen team was withheld the
/// referral goes to an OCC analyst instead (`needsAnalyst`), with `reason` saying why.
public struct GatewayRouting: Sendable, Hashable {
    public let permitted: [TaskingRoute]
    public let withheld: [TaskingRoute]

    public init(permitted: [TaskingRoute], withheld: [TaskingRoute]) {
        self.permitted = permitted
        self.withheld = withheld
    }

    public var needsAnalyst: Bool {
        permitted.isEmpty && !withheld.isEmpty
    }

    /// For the audit record and the flagged list.
    public func reason(code: GatewayCode, gateway: LawfulGateway?) -> String {
        let chosen = withheld.map(\.team.rawValue).joined(separator: ", ")
        guard let gateway else { return "gateway \(code.rawValue) is not in the registry; routing chose \(chosen)" }
        guard let permittedAgencies = gateway.permittedAgencies else { return "gateway \(code.rawValue) permits any agency" }
        let allowed = permittedAgencies.isEmpty ? "no agency" : permittedAgencies.sorted().map(\.rawValue).joined(separator: ", ")
        return "gateway \(code.rawValue) permits only \(allowed); routing chose \(chosen)"
    }
}
