import HTTP
import Postgres
import ServiceKit

/// The oversight console (docs/console.md): server-rendered pages under `/console` for officers,
/// oversight and partners signed in with their API keys. Pages are HTML and CSS only (no script),
/// sent with a Content-Security-Policy that allows no script at all.
struct Console: Sendable {
    let pool: PostgresPool
    let settings: ConsoleSettings
    let authenticator: APIKeyAuthenticator

    var sessions: ConsoleSessionRegistry { ConsoleSessionRegistry(pool: pool) }
    var rules: RAGThresholdRegistry { RAGThresholdRegistry(pool: pool) }

    func register(on router: Router) {
        let console = router.group("/console", middleware: [ConsoleHeaders()])
        console.get("") { request in try await home(request) }
        console.get("style.css") { _ in ConsoleResponse.stylesheet() }
        console.get("sign-in") { request in signInPage(request) }
        console.post("sign-in", maxBodyBytes: ConsoleForm.maxBytes) { request in try await signIn(request) }
        console.post("sign-out", maxBodyBytes: ConsoleForm.maxBytes) { request in try await signOut(request) }
        console.get("overview") { request in try await overview(request) }
        console.get("benefits") { request in try await benefits(request) }
        console.get("scorecards") { request in try await scorecards(request) }
        console.get("highlights") { request in try await highlights(request) }
        console.get("highlights.csv") { request in try await highlightsCSV(request) }
        console.get("journeys") { request in try await journeyForm(request) }
        console.post("journeys", maxBodyBytes: ConsoleForm.maxBytes) { request in try await journey(request) }
    }

    /// `/console`: the signed-in role's first page, or the sign-in form.
    func home(_ request: Request) async throws -> Response {
        guard let visitor = try await visitor(request) else { return ConsoleResponse.redirect("/console/sign-in") }
        return ConsoleResponse.redirect(visitor.session.role == .partner ? "/console/scorecards" : "/console/overview")
    }
}
