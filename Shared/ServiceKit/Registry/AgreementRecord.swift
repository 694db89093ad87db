import Domain
import Foundation

/// A data-sharing agreement: the gateways one partner may invoke between two dates.
public struct AgreementRecord: Sendable, Hashable {
    public let id: Int64
    public let partnerID: Int64
    public let reference: String
    public let gateways: [GatewayCode]
    public let validFrom: Date
    /// Nil: open-ended.
    public let validTo: Date?

    public func isInForce(at date: Date) -> Bool {
        validFrom <= date && validTo.map { date < $0 } ?? true
    }
}
