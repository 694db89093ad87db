import HTTP

/// The console's two cookies: the session token, and before sign-in a random value the sign-in
/// form repeats (a double-submit token, so a forged cross-site sign-in is refused too). Both are
/// `HttpOnly`, `SameSite=Strict`, scoped to `/console`, and `Secure` when the service is behind TLS.
struct ConsoleCookies: Sendable {
    static let session = "occ_console"
    static let signIn = "occ_console_signin"

    let secure: Bool

    /// The value of cookie `name` in `request`'s `Cookie` header(s).
    static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// A `Set-Cookie` value setting `name` for `maxAge` seconds (0 deletes it).
    func setting(_ name: String, _ value: String, maxAge: Int64) -> String {
        "\(name)=\(value); Path=/console; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
