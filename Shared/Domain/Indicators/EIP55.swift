import Crypto

/// EIP-55 mixed-case checksums for Ethereum-format addresses.
public enum EIP55: Sendable {
    /// The checksummed spelling of a 40-hex-digit address (with or without `0x`).
    public static func checksummed(_ address: String) -> String {
        let hex = address.lowercased().hasPrefix("0x") ? String(address.lowercased().dropFirst(2)) : address.lowercased()
        let hash = Hex.encode(Keccak256.hash(Array(hex.utf8)))
        let letters = zip(hex, hash).map { character, hashDigit in
            character.isLetter && (hashDigit.hexDigitValue ?? 0) >= 8 ? Character(character.uppercased()) : character
        }
        return "0x" + String(letters)
    }

    /// True when the address is all one case (no checksum claimed) or its mixed case is right.
    public static func isValid(_ address: String) -> Bool {
        let hex = address.dropFirst(2)
        let letters = hex.filter(\.isLetter)
        if letters == letters.lowercased() || letters == letters.uppercased() { return true }
        return checksummed(address) == "0x" + hex
    }
}
