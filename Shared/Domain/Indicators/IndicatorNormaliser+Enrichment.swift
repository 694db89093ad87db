extension IndicatorNormaliser {
    /// Re-reads a URL, domain or e-mail indicator that was validated without a Public Suffix
    /// List (intake validates; enrichment holds the list), which adds its registrable domain and
    /// gives it today's correlation key even if it was stored under an older rule (canonical
    /// values normalise to themselves). Other kinds, and any value this normaliser cannot
    /// re-read, come back unchanged.
    public func enriched(_ indicator: CanonicalIndicator) -> CanonicalIndicator {
        let reread: CanonicalIndicator?
        switch indicator.kind {
        case .domain: reread = try? domain(indicator.value)
        case .email: reread = try? email(indicator.value)
        case .url: reread = try? url(indicator.value)
        default: reread = nil
        }
        return reread?.with(role: indicator.role) ?? indicator
    }
}
