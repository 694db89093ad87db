/// PostgreSQL array literal text (`{"a","b",NULL}`), written and read for one-dimensional arrays.
enum PostgresArrayLiteral {
    static func encode(_ elements: [String?]) -> String {
        var out = "{"
        out.reserveCapacity(elements.count * 12 + 2)
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(",") }
            guard let element else { out.append("NULL"); continue }
            out.append("\"")
            for ch in element.unicodeScalars {
                if ch == "\"" || ch == "\\" { out.append("\\") }
                out.unicodeScalars.append(ch)
            }
            out.append("\"")
        }
        out.append("}")
        return out
    }

    /// Splits a one-dimensional array literal into its element texts; `nil` on malformed input.
    static func decode(_ text: String) -> [String?]? {
        var scalars = Substring(text).unicodeScalars[...]
        guard scalars.first == "{", scalars.last == "}" else { return nil }
        scalars = scalars.dropFirst().dropLast()
        var elements: [String?] = []
        var current = String.UnicodeScalarView()
        var quoted = false, wasQuoted = false, escaped = false, sawAny = false
        for ch in scalars {
            sawAny = true
            if escaped { current.append(ch); escaped = false; continue }
            if ch == "\\" && quoted { escaped = true; continue }
            if ch == "\"" { quoted.toggle(); wasQuoted = true; continue }
            if ch == "," && !quoted {
                elements.append(element(current, wasQuoted: wasQuoted))
                current = String.UnicodeScalarView(); wasQuoted = false
                continue
            }
            current.append(ch)
        }
        guard !quoted, !escaped else { return nil }
        if sawAny { elements.append(element(current, wasQuoted: wasQuoted)) }
        return elements
    }

    private static func element(_ scalars: String.UnicodeScalarView, wasQuoted: Bool) -> String? {
        let text = String(scalars)
        return (!wasQuoted && text == "NULL") ? nil : text
    }
}
