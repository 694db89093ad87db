import Crypto

/// Base58 with a 4-byte double-SHA-256 checksum, as Bitcoin and its descendants (and XRP,
/// with its own alphabet) encode addresses.
enum Base58Check {
    static let bitcoinAlphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
    static let rippleAlphabet = Array("rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz")

    /// The bytes `text` encodes; nil for a character outside the alphabet.
    static func decode(_ text: String, alphabet: [Character] = bitcoinAlphabet) -> [UInt8]? {
        var bytes: [UInt8] = []  // little-endian big number
        for character in text {
            guard let digit = alphabet.firstIndex(of: character) else { return nil }
            var carry = digit
            for index in bytes.indices {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xff)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xff))
                carry >>= 8
            }
        }
        // Each leading "zero" character stands for one leading zero byte.
        let leadingZeros = text.prefix { $0 == alphabet[0] }.count
        return [UInt8](repeating: 0, count: leadingZeros) + bytes.reversed()
    }

    /// The payload (version byte first) when the checksum holds; nil otherwise.
    static func payload(_ text: String, alphabet: [Character] = bitcoinAlphabet) -> [UInt8]? {
        guard let bytes = decode(text, alphabet: alphabet), bytes.count > 4 else { return nil }
        let body = Array(bytes.dropLast(4))
        let checksum = SHA256.hash(SHA256.hash(body)).prefix(4)
        return Array(bytes.suffix(4)) == Array(checksum) ? body : nil
    }
}
