import Crypto

extension ValidReferral {
    /// Canonical JSON of this referral (sorted keys, compact): what intake stores and fingerprints.
    public var canonicalText: String {
        // Encoding plain value types cannot fail; an empty fallback would only ever mismatch.
        (try? JSONValue(encoding: self).canonicalText) ?? ""
    }

    /// SHA-256 (hex) of the canonical JSON of this referral. Intake compares fingerprints to
    /// tell an idempotent replay (same reference, same content: 200) from a conflict (409).
    /// Canonical indicators make `07700 900123` and `+447700900123` the same content.
    public var fingerprint: String {
        Self.fingerprint(ofCanonicalText: canonicalText)
    }

    /// The fingerprint of an already computed `canonicalText`.
    public static func fingerprint(ofCanonicalText text: String) -> String {
        Hex.encode(SHA256.hash(text))
    }
}
