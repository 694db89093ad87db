import Foundation

/// One row of the lawful-gateway registry: the legal basis a partner relies on to share a
/// referral, who may rely on it, which agencies may receive what is shared under it, and the
/// limits on onward disclosure that travel with it.
public struct LawfulGateway: Sendable, Hashable {
    public let code: GatewayCode
    public let title: String
    /// The statute as people cite it, e.g. "Crime and Courts Act 2013, s.7".
    public let citation: String
    public let invokers: GatewayInvokers
    /// The agencies that may be tasked with a referral shared under this gateway; nil means any.
    public let permittedAgencies: Set<TeamCode>?
    /// What limits further disclosure by the recipient, as text for officers (shown, not enforced here).
    public let onwardDisclosure: String
    /// A retired gateway is kept for the referrals that cite it but accepts no new ones.
    public let retiredAt: Date?

    public init(
        code: GatewayCode, title: String, citation: String, invokers: GatewayInvokers,
        permittedAgencies: Set<TeamCode>?, onwardDisclosure: String, retiredAt: Date? = nil
    ) {
        self.code = code
        self.title = title
        self.citation = citation
        self.invokers = invokers
        self.permittedAgencies = permittedAgencies
        self.onwardDisclosure = onwardDisclosure
        self.retiredAt = retiredAt
    }

    public func permits(_ team: TeamCode) -> Bool {
        permittedAgencies?.contains(team) ?? true
    }
}
