/// Variable-shaped names (upper case, digits and underscores, starting with a letter, with at
/// least one underscore, e.g. `HTTP_PORT`), found by a plain scan: regular expressions over
/// every file of the repository are too slow for a test.
enum VariableNames {
    /// Every such name in `text`; with `quoted`, only those standing alone in double quotes.
    static func all(in text: String, quoted: Bool = false) -> Set<String> {
        let bytes = Array(text.utf8)
        var names: Set<String> = []
        var index = 0
        func isWord(_ byte: UInt8) -> Bool {
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 95
        }
        while index < bytes.count {
            guard isWord(bytes[index]) else { index += 1; continue }
            let start = index
            while index < bytes.count, isWord(bytes[index]) { index += 1 }
            let word = bytes[start..<index]
            guard let first = word.first, first >= 65, first <= 90, word.contains(95), word.last != 95,
                  word.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 95 }),
                  !word.indices.dropLast().contains(where: { word[$0] == 95 && word[$0 + 1] == 95 }) else { continue }
            if quoted, !(start > 0 && bytes[start - 1] == 34 && index < bytes.count && bytes[index] == 34) { continue }
            names.insert(String(decoding: word, as: UTF8.self))
        }
        return names
    }
}
