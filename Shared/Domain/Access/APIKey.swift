import Crypto

/// A bearer API key, `occ_<id>_<secret>`. The id names the key in logs and the database; only
/// the SHA-256 of the secret is stored. A plain hash (not a slow KDF) suffices because the
/// secret is random with at least 128 bits of entropy, not a human password.
public struct APIKey: Sendable, Hashable {
    public let id: String
    public let secret: String

    /// A new key from caller-supplied random bytes (Domain draws no randomness itself).
    public init?(id: String, secretBytes: [UInt8]) {
        guard Self.isValidID(id), secretBytes.count >= 16 else { return nil }
        self.id = id
        self.secret = Hex.encode(secretBytes)
    }

    /// Parses a presented token; nil when it is not in the key format.
    public init?(token: String) {
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "occ", Self.isValidID(String(parts[1])),
              (32...128).contains(parts[2].count), parts[2].allSatisfy({ $0.isASCII && $0.isHexDigit })
        else { return nil }
        id = String(parts[1])
        secret = String(parts[2])
    }

    /// The text the partner is shown once and sends as `Authorization: Bearer <token>`.
    public var token: String {
        "occ_\(id)_\(secret)"
    }

    /// Hex SHA-256 of the secret: the only thing stored.
    public var secretHash: String {
        Hex.encode(SHA256.hash(secret))
    }

    /// Lower-case letters and digits, 4 to 32 characters.
    private static func isValidID(_ id: String) -> Bool {
        (4...32).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }
}
