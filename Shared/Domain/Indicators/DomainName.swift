/// A DNS host name in canonical form: lower-case, no trailing dot, each label checked.
/// Internationalised labels are kept as written (Unicode or `xn--`), only lower-cased.
import Foundation

struct DomainName {
    let labels: [String]

    var text: String { labels.joined(separator: ".") }

    /// The host as DNS carries it: each Unicode label NFC-normalised and Punycode-encoded
    /// (`bücher.example` → `xn--bcher-kva.example`), so both spellings give one correlation key.
    var asciiText: String { Self.ascii(text) }

    /// `asciiText` for host text already in canonical (lower-case, checked) form.
    static func ascii(_ host: String) -> String {
        host.split(separator: ".", omittingEmptySubsequences: false).map { label in
            let composed = String(label).precomposedStringWithCanonicalMapping
            return Punycode.asciiLabel(composed) ?? composed
        }.joined(separator: ".")
    }

    /// Parses host-name text, or returns the reason it is not one.
    static func parse(_ raw: String) -> Result<DomainName, DomainSyntaxError> {
        var text = raw.lowercased()
        if text.hasSuffix(".") { text.removeLast() }
        guard !text.isEmpty else { return .failure(.init("is empty")) }
        guard text.utf8.count <= 253 else { return .failure(.init("is longer than 253 characters")) }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard labels.count >= 2 else {
            return .failure(.init("needs at least two labels (e.g. example.com)"))
        }
        for label in labels {
            if let problem = labelProblem(label) { return .failure(.init("label \(label.quoted) \(problem)")) }
        }
        if let last = labels.last, last.isASCIIDigits {
            return .failure(.init("has an all-numeric top-level label (an IP address is not a domain)"))
        }
        return .success(DomainName(labels: labels))
    }

    private static func labelProblem(_ label: String) -> String? {
        guard !label.isEmpty else { return "is empty" }
        guard label.utf8.count <= 63 else { return "is longer than 63 bytes" }
        guard !label.hasPrefix("-"), !label.hasSuffix("-") else { return "starts or ends with a hyphen" }
        // ASCII letters, digits and hyphens (RFC 1123); any non-ASCII letter or digit for IDNs.
        let valid = label.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                ? (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-")
                : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar.properties.isDiacritic
                    || scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .spacingMark)
        }
        return valid ? nil : "contains characters not allowed in a host name"
    }
}

struct DomainSyntaxError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
