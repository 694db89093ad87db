extension String {
    /// Trims spaces, tabs and line breaks (including non-breaking spaces pasted from documents).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    var isASCIIDigits: Bool {
        !isEmpty && utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// True for any control character (C0, DEL, C1); free text may still allow newlines and tabs.
    func containsControlCharacters(allowingLineBreaks: Bool = false) -> Bool {
        unicodeScalars.contains { scalar in
            if allowingLineBreaks, scalar == "\n" || scalar == "\r" || scalar == "\t" { return false }
            return scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value)
        }
    }
}

extension String {
    /// The text in single quotes for an error message, cut to 64 characters so hostile
    /// input cannot bloat responses and logs.
    var quoted: String {
        count <= 64 ? "'\(self)'" : "'\(prefix(64))…'"
    }
}
