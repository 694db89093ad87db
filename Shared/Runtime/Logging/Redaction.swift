import Foundation

/// The rule deciding which values are never printed: anything whose key looks like a credential.
public enum Redaction {
    /// What is printed instead of a secret value.
    public static let placeholder = "[REDACTED]"

    static let markers = ["secret", "password", "passwd", "token", "authorization", "api_key", "apikey",
                          "cookie", "credential", "private_key", "signature"]

    /// Whether a metadata key or variable name names a secret (`DB_PASSWORD`, `Authorization`, `api-key`…).
    public static func isSecret(key: String) -> Bool {
        let normalised = key.lowercased().replacingOccurrences(of: "-", with: "_")
        return normalised == "key" || markers.contains { normalised.contains($0) }
    }

    /// `value`, or the placeholder when `key` names a secret.
    public static func redact(_ value: String, key: String) -> String {
        isSecret(key: key) ? placeholder : value
    }

    /// A URL with any password in its user-info replaced, e.g. for logging `DATABASE_URL`.
    public static func redactingPassword(inURL url: String) -> String {
        guard let scheme = url.range(of: "://"),
              let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":" + placeholder + String(url[at...])
    }
}
