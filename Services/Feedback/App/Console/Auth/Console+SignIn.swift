import Foundation
import HTTP
import ServiceKit

extension Console {
    /// `GET /console/sign-in`: the form, with a fresh sign-in token in a cookie and the form.
    func signInPage(_ request: Request, error: String? = nil, status: HTTPStatus = .ok) -> Response {
        let token = ConsoleCSRF.signInToken()
        let cookie = ConsoleCookies(secure: settings.secureCookies).setting(ConsoleCookies.signIn, token, maxAge: 1800)
        return ConsoleResponse.html(SignInPage.render(csrf: token, error: error), status: status, headers: ["Set-Cookie": cookie])
    }

    /// `POST /console/sign-in`: a key the console admits starts a session (303 to its first page);
    /// a forged form is 403, a refused key 401 with the form again. Nothing is stored for either.
    func signIn(_ request: Request) async throws -> Response {
        let form = try await ConsoleForm.read(request)
        guard ConsoleCSRF.matches(form[ConsoleCSRF.field], ConsoleCookies.value(ConsoleCookies.signIn, in: request)) else {
            return Self.forgedForm()
        }
        let key = (form["key"] ?? "").trimmingCharacters(in: .whitespaces)
        let principal: Principal
        do {
            principal = try await authenticator.authenticate(authorization: "Bearer " + key)
        } catch AuthError.unauthenticated {
            return signInPage(request, error: "That key was not accepted: give a valid, unrevoked API key.", status: .unauthorized)
        }
        guard let role = ConsoleRole(principal: principal) else {
            return signInPage(request, error: "That key cannot sign in to the console: use an officer's, oversight or partner feedback key.",
                              status: .forbidden)
        }
        let (token, session) = try await sessions.start(
            principal: principal, role: role, lifetime: settings.sessionLifetime, traceID: request.context.requestID)
        let cookies = ConsoleCookies(secure: settings.secureCookies)
        var headers = HTTPHeaders()
        headers.add("Set-Cookie", cookies.setting(ConsoleCookies.session, token, maxAge: session.expiresAt.timeIntervalSince(session.createdAt).rounded64))
        headers.add("Set-Cookie", cookies.setting(ConsoleCookies.signIn, "", maxAge: 0))
        return ConsoleResponse.redirect(role == .partner ? "/console/scorecards" : "/console/overview", headers: headers)
    }

    /// `POST /console/sign-out`: ends the session (audited) and clears its cookie.
    func signOut(_ request: Request) async throws -> Response {
        let form = try await ConsoleForm.read(request)
        guard let token = ConsoleCookies.value(ConsoleCookies.session, in: request), let visitor = try await visitor(request) else {
            return ConsoleResponse.redirect("/console/sign-in")
        }
        guard ConsoleCSRF.matches(form[ConsoleCSRF.field], visitor.csrf) else { return Self.forgedForm() }
        try await sessions.end(token: token, traceID: request.context.requestID)
        let cookie = ConsoleCookies(secure: settings.secureCookies).setting(ConsoleCookies.session, "", maxAge: 0)
        return ConsoleResponse.redirect("/console/sign-in", headers: ["Set-Cookie": cookie])
    }

    /// 403 for a form without its anti-forgery token: nothing was read or changed.
    static func forgedForm() -> Response {
        ConsoleResponse.html(ConsoleLayout.message(
            title: "Form refused", text: "The form's security token is missing or wrong. Reload the page and try again.", visitor: nil),
            status: .forbidden)
    }
}

extension TimeInterval {
    /// Whole seconds, for a cookie's `Max-Age`.
    var rounded64: Int64 { Int64(rounded()) }
}
