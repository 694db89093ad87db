/// Markup that is safe to place in a page: made only from escaped text (`HTML(text:)`) and from
/// elements whose names and attribute names our code fixes (`HTML.element`). Untrusted strings
/// never reach a page except through `escape`.
public struct HTML: Sendable, Equatable, CustomStringConvertible {
    /// The serialized markup.
    public let markup: String

    /// Markup written by our code (a template, a literal); never pass user or database text here.
    public init(trusted markup: String) {
        self.markup = markup
    }

    /// Text, escaped.
    public init(text: String) {
        markup = HTML.escape(text)
    }

    /// The pieces one after another.
    public init(_ parts: [HTML]) {
        markup = parts.map(\.markup).joined()
    }

    public var description: String { markup }

    public static func + (lhs: HTML, rhs: HTML) -> HTML {
        HTML(trusted: lhs.markup + rhs.markup)
    }

    /// `text` made safe both as element content and inside a double- or single-quoted attribute:
    /// `& < > " '` become references, and control characters that no HTML or XML parser accepts
    /// become U+FFFD (tab, line feed and carriage return stay).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out.unicodeScalars.append("\u{FFFD}")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
