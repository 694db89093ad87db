/// An indicator in canonical form: equal real-world things give equal `key`s, whoever reported
/// them and however they were written. Correlation across partners joins on `key`.
public struct CanonicalIndicator: Sendable, Hashable, Codable {
    public let kind: IndicatorKind
    /// Canonical text: E.164 phone, lower-case host URL, `12-34-56 12345678`, electronic IBAN…
    public let value: String
    /// The correlation key, `kind:value` with any qualifier (`crypto_wallet:bitcoin:bc1…`);
    /// `keyValue` replaces the value where matching ignores a difference the value keeps.
    public let key: String
    /// Other keys naming the same thing (a GB IBAN is also a sort code and account number).
    public let aliases: [String]
    /// For URLs, domains and e-mail: the registrable domain, when a Public Suffix List was given.
    public let registrableDomain: String?
    /// ISO 3166 alpha-2 country where the value says so (IBAN country, +44 phone numbers are GB).
    public let countryCode: String?
    public let chain: CryptoChain?
    public let platform: SocialPlatform?
    public let hashAlgorithm: HashAlgorithm?
    /// False when the value was accepted on syntax alone (no checksum exists or is implemented).
    public let checksumVerified: Bool?
    /// A caveat for the reader, such as why a value was accepted by syntax only.
    public let note: String?
    /// The part it played, when the partner said (decides whether it links).
    public let role: IndicatorRole?

    public init(
        kind: IndicatorKind, value: String, qualifier: String? = nil, keyValue: String? = nil, aliases: [String] = [],
        registrableDomain: String? = nil, countryCode: String? = nil, chain: CryptoChain? = nil,
        platform: SocialPlatform? = nil, hashAlgorithm: HashAlgorithm? = nil,
        checksumVerified: Bool? = nil, note: String? = nil
    ) {
        self.init(
            kind: kind, value: value, key: [kind.rawValue, qualifier, keyValue ?? value].compactMap { $0 }.joined(separator: ":"),
            aliases: aliases, registrableDomain: registrableDomain, countryCode: countryCode, chain: chain,
            platform: platform, hashAlgorithm: hashAlgorithm, checksumVerified: checksumVerified, note: note)
    }

    /// Every property given, for copies that change one derived field.
    init(
        kind: IndicatorKind, value: String, key: String, aliases: [String], registrableDomain: String?,
        countryCode: String?, chain: CryptoChain?, platform: SocialPlatform?, hashAlgorithm: HashAlgorithm?,
        checksumVerified: Bool?, note: String?, role: IndicatorRole? = nil
    ) {
        self.kind = kind
        self.value = value
        self.key = key
        self.aliases = aliases
        self.registrableDomain = registrableDomain
        self.countryCode = countryCode
        self.chain = chain
        self.platform = platform
        self.hashAlgorithm = hashAlgorithm
        self.checksumVerified = checksumVerified
        self.note = note
        self.role = role
    }

    /// A copy in `role` (kept when nil is given).
    func with(role: IndicatorRole?) -> CanonicalIndicator {
        guard let role else { return self }
        return CanonicalIndicator(
            kind: kind, value: value, key: key, aliases: aliases, registrableDomain: registrableDomain, countryCode: countryCode,
            chain: chain, platform: platform, hashAlgorithm: hashAlgorithm, checksumVerified: checksumVerified, note: note, role: role)
    }

    /// Whether sharing it links referrals: yes unless its role says otherwise.
    public var links: Bool {
        role?.links ?? true
    }

    /// True when the value points outside the UK (a foreign phone number or IBAN), which
    /// routing uses to involve international enquiries.
    public var isOverseas: Bool {
        switch kind {
        case .phone, .iban: countryCode != "GB"
        default: false
        }
    }

    /// The derived `domain:` key of a URL's, e-mail's or sub-domain's registrable domain (ASCII
    /// form), so a URL, a domain and an e-mail address on one registrable domain link; nil when
    /// there is none or it is the indicator's own key.
    public var registrableDomainKey: String? {
        guard let registrableDomain else { return nil }
        let derived = "\(IndicatorKind.domain.rawValue):\(DomainName.ascii(registrableDomain))"
        return derived == key ? nil : derived
    }

    /// Every key under which this indicator correlates: its own, its aliases, and its
    /// registrable domain's.
    public var correlationKeys: [String] {
        [key] + aliases + (registrableDomainKey.map { [$0] } ?? [])
    }

    private enum CodingKeys: String, CodingKey {
        case kind, value, key, aliases, chain, platform, note, role
        case registrableDomain = "registrable_domain"
        case countryCode = "country_code"
        case hashAlgorithm = "hash_algorithm"
        case checksumVerified = "checksum_verified"
    }
}
