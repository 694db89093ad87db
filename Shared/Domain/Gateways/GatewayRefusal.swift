import Foundation

/// Why a partner may not invoke the gateway its referral cites; intake answers 422 on `gateway`.
public enum GatewayRefusal: Sendable, Hashable, CustomStringConvertible {
    case unknown(GatewayCode, known: [GatewayCode])
    case retired(LawfulGateway)
    /// The gateway's invokers do not include this partner (its sector, regulated-sector or public-authority standing).
    case notAnInvoker(LawfulGateway, sector: Sector)
    /// No data-sharing agreement in force for the partner includes the gateway.
    case notInAgreement(LawfulGateway)

    public var description: String {
        switch self {
        case .unknown(let code, let known):
            "unknown gateway \(code.rawValue.quoted); expected one of \(known.map(\.rawValue).joined(separator: ", "))"
        case .retired(let gateway):
            "gateway \(gateway.code.rawValue) (\(gateway.citation)) is retired and accepts no new referrals"
        case .notAnInvoker(let gateway, let sector):
            "a \(sector.rawValue) partner may not invoke \(gateway.code.rawValue) (\(gateway.citation)): "
                + "it may be invoked by \(gateway.invokers.description)"
        case .notInAgreement(let gateway):
            "your data-sharing agreement does not include \(gateway.code.rawValue) (\(gateway.citation))"
        }
    }
}
