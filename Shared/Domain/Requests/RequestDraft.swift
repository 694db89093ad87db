import Foundation

/// A disruption request as an officer raised it, validated, before it is addressed and stored.
public struct RequestDraft: Sendable, Hashable {
    public let kind: RequestKind
    /// The tasking's indicator it acts on.
    public let indicator: CanonicalIndicator
    /// The lawful gateway the officer relies on to ask.
    public let gateway: GatewayCode
    public let deadline: Date
    public let note: String?
}
