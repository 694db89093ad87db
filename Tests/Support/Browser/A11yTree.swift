/// Just enough of an HTML parser for `A11yCheck`: elements in document order with their
/// attributes, parent and text. It reads what browsers serialize and servers write (end tags
/// present, void elements unclosed, SVG's `/>`); script and style contents are skipped.
enum A11yTree {
    struct Element {
        let name: String
        let attributes: [String: String]
        let parent: Int?
        /// All text inside, descendants' included.
        var text = ""

        var classes: [Substring] { (attributes["class"] ?? "").split(separator: " ") }

        /// How a problem names it: `<input name="q">`, with its id, name or class when it has one.
        var tag: String {
            for key in ["id", "name", "class"] {
                if let value = attributes[key] { return "<\(name) \(key)=\"\(value)\">" }
            }
            return "<\(name)>"
        }
    }

    static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
    static let raw: Set<String> = ["script", "style"]

    static func parse(_ html: String) -> [Element] {
        let chars = Array(html.unicodeScalars)
        var elements: [Element] = []
        var open: [Int] = []
        var i = 0
        func starts(_ prefix: String, at index: Int) -> Bool {
            let scalars = Array(prefix.unicodeScalars)
            guard index + scalars.count <= chars.count else { return false }
            return (0..<scalars.count).allSatisfy { Character(chars[index + $0]).lowercased() == Character(scalars[$0]).lowercased() }
        }
        func find(_ needle: String, from index: Int) -> Int {
            var j = index
            while j < chars.count && !starts(needle, at: j) { j += 1 }
            return j
        }
        var text = ""
        func flushText() {
            guard !text.isEmpty else { return }
            let decoded = decode(text)
            for index in open { elements[index].text += decoded }
            text = ""
        }
        while i < chars.count {
            guard chars[i] == "<" else {
                text.unicodeScalars.append(chars[i])
                i += 1
                continue
            }
            if starts("<!--", at: i) {
                flushText()
                i = find("-->", from: i + 4) + 3
            } else if starts("<!", at: i) || starts("<?", at: i) {
                flushText()
                i = find(">", from: i) + 1
            } else if starts("</", at: i) {
                flushText()
                let end = find(">", from: i)
                let name = String(String.UnicodeScalarView(chars[(i + 2)..<min(end, chars.count)])).trimmingSpace.lowercased()
                if let position = open.lastIndex(where: { elements[$0].name == name }) { open.removeSubrange(position...) }
                i = end + 1
            } else if i + 1 < chars.count, chars[i + 1].properties.isAlphabetic {
                flushText()
                let (name, attributes, selfClosing, end) = tag(chars, from: i + 1)
                elements.append(Element(name: name, attributes: attributes, parent: open.last))
                i = end
                if raw.contains(name) {
                    i = find("</\(name)", from: i)
                } else if !selfClosing && !void.contains(name) {
                    open.append(elements.count - 1)
                }
            } else {
                text.unicodeScalars.append(chars[i])
                i += 1
            }
        }
        flushText()
        return elements
    }

    /// The element's ancestors, nearest first.
    static func ancestors(of index: Int, in elements: [Element]) -> [Int] {
        var result: [Int] = []
        var current = elements[index].parent
        while let parent = current {
            result.append(parent)
            current = elements[parent].parent
        }
        return result
    }

    /// A start tag from just after its `<`: name, attributes, whether it ends `/>`, and the index after `>`.
    private static func tag(_ chars: [Unicode.Scalar], from start: Int) -> (String, [String: String], Bool, Int) {
        var i = start
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" }
        func word() -> String {
            var word = ""
            while i < chars.count, !isSpace(chars[i]), chars[i] != ">", chars[i] != "=", !(chars[i] == "/" && i + 1 < chars.count && chars[i + 1] == ">") {
                word.unicodeScalars.append(chars[i])
                i += 1
            }
            return word.lowercased()
        }
        let name = word()
        var attributes: [String: String] = [:]
        var selfClosing = false
        while i < chars.count {
            while i < chars.count, isSpace(chars[i]) { i += 1 }
            guard i < chars.count else { break }
            if chars[i] == ">" { i += 1; break }
            if chars[i] == "/" { selfClosing = true; i += 1; continue }
            let key = word()
            guard !key.isEmpty else { i += 1; continue }
            while i < chars.count, isSpace(chars[i]) { i += 1 }
            guard i < chars.count, chars[i] == "=" else { attributes[key] = attributes[key] ?? ""; continue }
            i += 1
            while i < chars.count, isSpace(chars[i]) { i += 1 }
            var value = ""
            if i < chars.count, chars[i] == "\"" || chars[i] == "'" {
                let quote = chars[i]
                i += 1
                while i < chars.count, chars[i] != quote { value.unicodeScalars.append(chars[i]); i += 1 }
                i += 1
            } else {
                while i < chars.count, !isSpace(chars[i]), chars[i] != ">" { value.unicodeScalars.append(chars[i]); i += 1 }
            }
            // The first of a repeated attribute wins, as in browsers.
            attributes[key] = attributes[key] ?? decode(value)
            selfClosing = false
        }
        return (name, attributes, selfClosing, i)
    }

    /// Character references: the five XML ones, `&nbsp;` and numeric ones; others stay as written.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semi = rest.prefix(12).firstIndex(of: ";") else { out += "&"; rest = rest.dropFirst(); continue }
            let name = rest[rest.index(after: rest.startIndex)..<semi]
            let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
            var replacement = named[name]
            if replacement == nil, name.hasPrefix("#") {
                let digits = name.dropFirst()
                let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                replacement = value.flatMap(Unicode.Scalar.init).map { String($0) }
            }
            if let replacement {
                out += replacement
                rest = rest[rest.index(after: semi)...]
            } else {
                out += "&"
                rest = rest.dropFirst()
            }
        }
        return out + rest
    }
}

extension String {
    fileprivate var trimmingSpace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
