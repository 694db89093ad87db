import Runtime

/// The oversight console's settings (docs/console.md).
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `CONSOLE_SECURE_COOKIES` | mark the console's cookies `Secure` (set it when the service is behind TLS) | false |
/// | `CONSOLE_SESSION_LIFETIME` | how long a console session lasts after sign-in (5m to 24h) | 8h |
public struct ConsoleSettings: Sendable {
    public var secureCookies: Bool
    public var sessionLifetime: Duration

    public init(secureCookies: Bool = false, sessionLifetime: Duration = .seconds(8 * 3600)) {
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
    }

    public init(config: Config) throws {
        self.init(
            secureCookies: try config.bool("CONSOLE_SECURE_COOKIES", default: false),
            sessionLifetime: try config.duration("CONSOLE_SESSION_LIFETIME", default: .seconds(8 * 3600),
                                                 in: .seconds(300)...(.seconds(24 * 3600))))
    }
}
