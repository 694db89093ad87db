import Foundation

/// Adding libpq `options` (server settings for the session) to a connection string in any of the
/// forms libpq accepts: a `postgresql://` URL, `key=value` pairs, or a bare database name.
///
/// Options already in the string come after ours, so an explicit `-c` there still wins (the
/// server applies them in order). libpq reads `PGOPTIONS` only when the string has no `options`,
/// which from now on it always has, so its content is carried over the same way.
enum Conninfo {
    /// `conninfo` with `options` prepended to its own options (or to `fallbackOptions`, the
    /// `PGOPTIONS` libpq would otherwise use). A string libpq could not parse either is returned
    /// unchanged, so libpq reports it at connect time in its own words.
    static func addingOptions(_ options: String, to conninfo: String, fallbackOptions: String? = nil) -> String {
        func merged(_ existing: String?) -> String {
            let theirs = (existing ?? fallbackOptions)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return theirs.isEmpty ? options : options + " " + theirs
        }
        if conninfo.hasPrefix("postgresql://") || conninfo.hasPrefix("postgres://") {
            return addingToURL(conninfo, merged)
        }
        let trimmed = conninfo.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "options=\(quoted(merged(nil)))" }
        // libpq takes a string without `=` as a database name.
        guard trimmed.contains("=") else { return "dbname=\(quoted(trimmed)) options=\(quoted(merged(nil)))" }
        guard let pairs = keywordValuePairs(conninfo) else { return conninfo }
        // A repeated keyword's last value is the one libpq uses.
        let existing = pairs.last { $0.key == "options" }?.value
        return conninfo + " options=\(quoted(merged(existing)))"
    }

    private static func addingToURL(_ url: String, _ merged: (String?) -> String) -> String {
        let parts = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let items = parts.count > 1 ? parts[1].split(separator: "&").map(String.init) : []
        var existing: String?
        var kept: [String] = []
        for item in items {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if pair[0] == "options" {
                guard pair.count == 2, let value = percentDecoded(pair[1]) else { return url }
                existing = value
            } else {
                kept.append(item)
            }
        }
        kept.append("options=" + percentEncoded(merged(existing)))
        return parts[0] + "?" + kept.joined(separator: "&")
    }

    /// The pairs of a `key=value` string, parsed as libpq does (values may be single-quoted, with
    /// backslash escapes); nil if malformed.
    static func keywordValuePairs(_ text: String) -> [(key: String, value: String)]? {
        var pairs: [(key: String, value: String)] = []
        var characters = Substring(text)
        func skipSpaces() { characters = characters.drop { $0.isWhitespace } }
        while true {
            skipSpaces()
            guard !characters.isEmpty else { return pairs }
            let key = String(characters.prefix { $0 != "=" && !$0.isWhitespace })
            characters = characters.dropFirst(key.count)
            skipSpaces()
            guard !key.isEmpty, characters.first == "=" else { return nil }
            characters = characters.dropFirst()
            skipSpaces()
            let isQuoted = characters.first == "'"
            if isQuoted { characters = characters.dropFirst() }
            var value = ""
            var closed = !isQuoted
            while let character = characters.first {
                if !isQuoted, character.isWhitespace { break }
                characters = characters.dropFirst()
                if character == "\\" {
                    guard let escaped = characters.first else { break }
                    value.append(escaped)
                    characters = characters.dropFirst()
                } else if isQuoted, character == "'" {
                    closed = true
                    break
                } else {
                    value.append(character)
                }
            }
            guard closed else { return nil }
            pairs.append((key, value))
        }
    }

    /// A conninfo value in single quotes, escaped the way libpq unescapes it.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            result += unreserved ? String(UnicodeScalar(byte)) : "%" + hexByte(byte)
        }
        return result
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "%" {
                let end = text.index(index, offsetBy: 3, limitedBy: text.endIndex) ?? text.endIndex
                guard text.distance(from: index, to: end) == 3, let byte = UInt8(text[text.index(after: index)..<end], radix: 16) else {
                    return nil
                }
                bytes.append(byte)
                index = end
            } else {
                bytes.append(contentsOf: Array(String(text[index]).utf8))
                index = text.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
