import Foundation

/// The wire form of a paging cursor: unpadded base64url of a short ASCII text, so callers pass
/// it back unchanged and do not build or compare cursors.
enum OpaqueToken {
    static func encode(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The text inside `token`; nil for anything that is not unpadded base64url of UTF-8 of at
    /// most `maxLength` characters.
    static func decode(_ token: String, maxLength: Int) -> String? {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        guard (1...maxLength).contains(token.utf8.count), token.utf8.allSatisfy(alphabet.contains), token.utf8.count % 4 != 1 else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// Plain decimal digits, no sign, no leading zeros (so each number has one spelling).
    static func digits(_ text: Substring) -> Substring? {
        guard !text.isEmpty, text.utf8.count <= 20, text.utf8.allSatisfy({ (48...57).contains($0) }),
              text == "0" || text.first != "0"
        else { return nil }
        return text
    }
}
