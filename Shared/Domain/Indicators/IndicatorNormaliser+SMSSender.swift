extension IndicatorNormaliser {
    /// SMS sender ID: an alphanumeric originator of 1–11 characters (letters, digits, spaces and
    /// `. - _ & +`), or a numeric short code. Case is kept as displayed; the correlation key is
    /// upper-cased because handsets and spoofers vary the case of the same brand name.
    public func smsSenderID(_ raw: String) throws(IndicatorFailure) -> CanonicalIndicator {
        let text = raw.trimmingWhitespace().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !text.isEmpty else { throw .value("required") }
        let allowed: Set<Character> = [" ", ".", "-", "_", "&", "+"]
        guard text.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || allowed.contains($0) }) else {
            throw .value("may contain only letters, digits, spaces and . - _ & +")
        }
        guard text.count <= 11 else {
            throw .value(text.isASCIIDigits
                ? "numeric senders longer than 11 digits are phone numbers: use kind phone"
                : "alphanumeric sender IDs have at most 11 characters")
        }
        return CanonicalIndicator(kind: .smsSenderID, value: text, keyValue: text.uppercased())
    }
}
