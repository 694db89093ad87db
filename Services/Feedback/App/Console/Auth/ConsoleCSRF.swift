import Crypto

/// Anti-forgery tokens. A signed-in session's token is derived from its session token (HMAC,
/// so it needs no storage and changes with every session); the sign-in form's token is the
/// random value of its own cookie. A POST whose form token does not match is refused with 403
/// before anything is read or changed.
enum ConsoleCSRF {
    static let field = "csrf"

    /// The token the forms of the session `sessionToken` carry.
    static func token(session sessionToken: String) -> String {
        Hex.encode(HMACSHA256.authenticationCode(for: Array("occ-console-csrf/1".utf8), key: Array(sessionToken.utf8)))
    }

    /// Whether `presented` matches `expected`, in constant time.
    static func matches(_ presented: String?, _ expected: String?) -> Bool {
        guard let presented, let expected, !expected.isEmpty else { return false }
        return ConstantTime.equals(Array(presented.utf8), Array(expected.utf8))
    }

    /// A fresh random value for the sign-in cookie and form.
    static func signInToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
