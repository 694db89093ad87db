import HTTP
import ServiceKit

/// A signed-in visitor: the live session their cookie opens and the CSRF token of its forms.
struct ConsoleVisitor: Sendable {
    let session: ConsoleSessionRecord
    let csrf: String

    var role: ConsoleRole { session.role }
}

extension Console {
    /// The visitor `request`'s session cookie signs in, or nil (no, unknown, expired or revoked session).
    func visitor(_ request: Request) async throws -> ConsoleVisitor? {
        guard let token = ConsoleCookies.value(ConsoleCookies.session, in: request),
              let session = try await sessions.find(token: token) else { return nil }
        return ConsoleVisitor(session: session, csrf: ConsoleCSRF.token(session: token))
    }

    /// Runs `page` for a visitor of one of `roles`; the sign-in form for no visitor, 403 for another role.
    func page(
        _ request: Request, for roles: Set<ConsoleRole>, _ page: (ConsoleVisitor) async throws -> Response
    ) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect("/console/sign-in") }
        guard roles.contains(visitor.role) else {
            return ConsoleResponse.html(ConsoleLayout.message(
                title: "Not available", text: "This page is not available to your role (\(visitor.role.rawValue)).", visitor: visitor),
                status: .forbidden)
        }
        return try await page(visitor)
    }
}
