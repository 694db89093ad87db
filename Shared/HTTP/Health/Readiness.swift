/// The answer of a service's readiness check: named checks, each `ok` or a short reason it is not.
public struct Readiness: Sendable, Encodable {
    /// Check name → `ok`, or why it failed (keep it short and free of secrets: `/readyz` is unauthenticated).
    public var checks: [String: String]

    /// A readiness report from named checks.
    public init(checks: [String: String] = [:]) {
        self.checks = checks
    }

    /// Ready, with no named checks.
    public static let ready = Readiness()

    /// Whether every check is `ok`.
    public var isReady: Bool {
        checks.values.allSatisfy { $0 == "ok" }
    }

    private enum CodingKeys: String, CodingKey {
        case status, checks
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isReady ? "ready" : "not ready", forKey: .status)
        try container.encode(checks, forKey: .checks)
    }
}
