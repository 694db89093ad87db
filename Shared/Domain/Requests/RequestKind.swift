/// A kind of request an officer can send to partners (a row of `request_kinds`): which sectors
/// can act on it and which kinds of indicator it applies to. Data, so a kind can be corrected
/// or added without a release; its code names a `DisruptionKind` when one matches.
public struct RequestKind: Sendable, Hashable {
    public let code: String
    public let title: String
    public let actingSectors: Set<Sector>
    public let indicatorKinds: Set<IndicatorKind>

    public init(code: String, title: String, actingSectors: Set<Sector>, indicatorKinds: Set<IndicatorKind>) {
        self.code = code
        self.title = title
        self.actingSectors = actingSectors
        self.indicatorKinds = indicatorKinds
    }

    /// The disruption a completed request of this kind amounts to, when the code names one.
    public var disruption: DisruptionKind? {
        DisruptionKind(rawValue: code)
    }

    public func applies(to kind: IndicatorKind) -> Bool {
        indicatorKinds.contains(kind)
    }
}
