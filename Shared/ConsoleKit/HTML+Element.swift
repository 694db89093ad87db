/// A tiny builder: elements with escaped attribute values and escaped or built content.
extension HTML {
    /// `<name a="v"…>children</name>`. Attribute values are escaped; attributes keep their order,
    /// so output is deterministic. Names come from our code and must be plain names.
    public static func element(_ name: String, _ attributes: [(String, String)] = [], _ children: [HTML] = []) -> HTML {
        HTML(trusted: openTag(name, attributes) + children.map(\.markup).joined() + "</\(name)>")
    }

    /// `<name>children</name>`, without attributes.
    public static func element(_ name: String, _ children: [HTML]) -> HTML {
        element(name, [], children)
    }

    /// An element holding only text, escaped.
    public static func element(_ name: String, _ attributes: [(String, String)] = [], text: String) -> HTML {
        HTML(trusted: openTag(name, attributes) + escape(text) + "</\(name)>")
    }

    /// A void HTML element (`input`, `br`, `meta`…): no content and no end tag.
    public static func void(_ name: String, _ attributes: [(String, String)] = []) -> HTML {
        HTML(trusted: openTag(name, attributes))
    }

    private static func openTag(_ name: String, _ attributes: [(String, String)]) -> String {
        precondition(isName(name), "element name \(name) is not a plain name")
        var tag = "<" + name
        for (key, value) in attributes {
            precondition(isName(key), "attribute name \(key) is not a plain name")
            tag += " \(key)=\"\(escape(value))\""
        }
        return tag + ">"
    }

    /// Names are fixed by our code, never taken from input: letters, digits, `-` and `:`.
    private static func isName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == ":"
        }
    }
}
