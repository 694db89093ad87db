/// Who a request goes to, and who was passed over and why (for the audit log).
public struct RequestAddressing: Sendable, Hashable {
    /// In partner-id order.
    public let addressees: [RequestCandidate]
    /// Partners able to act that may not see the request, with the reason.
    public let withheld: [String: DisclosureReason]
}
