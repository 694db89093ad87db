/// The Public Suffix List, parsed from its text (the service reads
/// `/usr/share/publicsuffix/public_suffix_list.dat` and passes the contents in).
///
/// Matching follows the published algorithm: a domain matches a rule when the rule's labels
/// equal its rightmost labels, `*` matching any one label; an exception rule (`!www.ck`)
/// beats every other rule and its public suffix is the rule minus its leftmost label;
/// otherwise the rule with the most labels wins; with no match the rule is `*`.
public struct PublicSuffixList: Sendable {
    private let rules: Set<String>
    private let exceptions: Set<String>

    /// Parses list text. Private-domain rules (below `===BEGIN PRIVATE DOMAINS===`, e.g.
    /// `github.io`) are included unless `includePrivateDomains` is false.
    public init(parsing text: String, includePrivateDomains: Bool = true) {
        var rules: Set<String> = []
        var exceptions: Set<String> = []
        for line in text.split(whereSeparator: \.isNewline) {
            if line.contains("===BEGIN PRIVATE DOMAINS===") && !includePrivateDomains { break }
            guard let token = line.split(whereSeparator: \.isWhitespace).first, !token.hasPrefix("//") else { continue }
            let rule = token.lowercased()
            let isException = rule.hasPrefix("!")
            let body = isException ? String(rule.dropFirst()) : rule
            // Each rule is stored as written and in ASCII form, so either spelling of a host matches.
            for form in Self.forms(of: body) {
                if isException { exceptions.insert(form) } else { rules.insert(form) }
            }
        }
        self.rules = rules
        self.exceptions = exceptions
    }

    public var ruleCount: Int {
        rules.count + exceptions.count
    }

    /// The public suffix of `domain` (`co.uk` for `www.example.co.uk`); nil for malformed input.
    public func publicSuffix(of domain: String) -> String? {
        guard let labels = Self.labels(of: domain) else { return nil }
        return labels.suffix(suffixLabelCount(labels)).joined(separator: ".")
    }

    /// The public suffix plus one label (`example.co.uk`); nil when the domain is itself a
    /// public suffix or malformed (empty labels, a leading dot).
    public func registrableDomain(of domain: String) -> String? {
        guard let labels = Self.labels(of: domain) else { return nil }
        let suffixCount = suffixLabelCount(labels)
        guard labels.count > suffixCount else { return nil }
        return labels.suffix(suffixCount + 1).joined(separator: ".")
    }

    private func suffixLabelCount(_ labels: [String]) -> Int {
        // Scanning from the full domain down, the first hit has the most labels.
        for start in labels.indices {
            let candidate = labels[start...].joined(separator: ".")
            if exceptions.contains(candidate) { return labels.count - start - 1 }
        }
        for start in labels.indices {
            let candidate = labels[start...].joined(separator: ".")
            let wildcard = (["*"] + labels[(start + 1)...]).joined(separator: ".")
            if rules.contains(candidate) || rules.contains(wildcard) { return labels.count - start }
        }
        return 1
    }

    private static func labels(of domain: String) -> [String]? {
        var text = domain.lowercased()
        if text.hasSuffix(".") { text.removeLast() }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !text.isEmpty, !labels.contains(where: \.isEmpty) else { return nil }
        return labels
    }

    private static func forms(of rule: String) -> Set<String> {
        let ascii = rule.split(separator: ".").map { Punycode.asciiLabel(String($0)) }
        guard ascii.allSatisfy({ $0 != nil }) else { return [rule] }
        return [rule, ascii.compactMap { $0 }.joined(separator: ".")]
    }
}
