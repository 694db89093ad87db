/// Which of a referral's correlation keys are recorded, and which may link it to other
/// referrals: every key is recorded as a sighting (and shown), but a key on a warning list (a
/// webmail domain, a URL shortener, a bank's genuine helpline) links nothing, so benign values
/// cannot join unrelated referrals into one giant network.
public struct CorrelationPlan: Sendable, Hashable {
    /// Every correlation key of the referral, each once, sorted (the lock order).
    public let keys: [String]
    /// The keys that link and corroborate: `keys` minus the warning-listed ones.
    public let linkingKeys: [String]
    /// Keys derived by enrichment rather than submitted (registrable domains), for display.
    public let derived: [DerivedIndicator]
    /// The keys found on a warning list, sorted.
    public let warninglisted: [String]
    /// Keys that link nothing because every indicator giving them has a non-linking role.
    public let unlinkedByRole: [String]

    public init(indicators: [CanonicalIndicator], warninglisted listed: Set<String>) {
        let keys = Set(indicators.flatMap(\.correlationKeys))
        let byRole = Set(indicators.filter { !$0.links }.flatMap(\.correlationKeys))
            .subtracting(indicators.filter(\.links).flatMap(\.correlationKeys))
        let submitted = Set(indicators.flatMap { [$0.key] + $0.aliases })
        var derived: [String: DerivedIndicator] = [:]
        for indicator in indicators {
            guard let key = indicator.registrableDomainKey, !submitted.contains(key), derived[key] == nil else { continue }
            derived[key] = DerivedIndicator(key: key, derivedFrom: indicator.key)
        }
        self.keys = keys.sorted()
        linkingKeys = keys.subtracting(listed).subtracting(byRole).sorted()
        unlinkedByRole = byRole.sorted()
        self.derived = derived.values.sorted { $0.key < $1.key }
        warninglisted = keys.intersection(listed).sorted()
    }
}

/// A correlation key enrichment added (`domain:example.co.uk` from a URL on that domain).
public struct DerivedIndicator: Sendable, Hashable, Codable {
    public let key: String
    /// The key of the submitted indicator it came from (the first, if several give it).
    public let derivedFrom: String

    public init(key: String, derivedFrom: String) {
        self.key = key
        self.derivedFrom = derivedFrom
    }

    private enum CodingKeys: String, CodingKey {
        case key
        case derivedFrom = "derived_from"
    }
}
