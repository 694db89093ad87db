import Crypto

extension ValidReferral {
    /// SHA-256 (hex) of the canonical JSON of this referral. Intake compares fingerprints to
    /// tell an idempotent replay (same reference, same content: 200) from a conflict (409).
    /// Canonical indicators make `07700 900123` and `+447700900123` the same content.
    public var fingerprint: String {
        // Encoding plain value types cannot fail; an empty fallback would only ever mismatch.
        let text = (try? JSONValue(encoding: self).canonicalText) ?? ""
        return Hex.encode(SHA256.hash(text))
    }
}
