extension IndicatorNormaliser {
    /// E-mail address → local part kept exactly in the value (it may be case-sensitive, RFC 5321
    /// §2.4), domain lower-cased and checked as a host name. Quoted local parts are refused.
    /// The key lower-cases the local part and writes the domain in ASCII: no mail provider in
    /// practice distinguishes `Fraudster@` from `fraudster@`, and criminals vary the case.
    public func email(_ raw: String) throws(IndicatorFailure) -> CanonicalIndicator {
        let text = Refang.apply(raw)
        guard let at = text.lastIndex(of: "@") else { throw .value("not an e-mail address: no @") }
        let local = String(text[..<at])
        let forbidden: Set<Character> = ["\"", "(", ")", ",", ":", ";", "<", ">", "@", "[", "\\", "]"]
        guard !local.isEmpty, local.utf8.count <= 64 else {
            throw .value("not an e-mail address: the part before @ must have 1–64 characters")
        }
        guard !local.contains(where: { $0.isWhitespace || forbidden.contains($0) }),
              !local.containsControlCharacters(), !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { throw .value("not an e-mail address: the part before @ contains characters that need quoting") }
        let name: DomainName
        switch DomainName.parse(String(text[text.index(after: at)...])) {
        case .success(let parsed): name = parsed
        case .failure(let error): throw .value("not an e-mail address: the domain \(error.message)")
        }
        return CanonicalIndicator(
            kind: .email, value: "\(local)@\(name.text)", keyValue: "\(local.lowercased())@\(name.asciiText)",
            registrableDomain: registrableDomain(of: name.text))
    }
}
