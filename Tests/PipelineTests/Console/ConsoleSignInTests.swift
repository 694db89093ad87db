import Crypto
import FeedbackApp
import Foundation
import HTTP
import ServiceKit
import Testing

@Suite("Console: signing in and out, sessions, anti-forgery tokens and headers", .serialized)
struct ConsoleSignInTests {
    @Test("an officer signs in with a key, sees the overview, and signs out; each step audited, the token stored only hashed")
    func signInAndOut() async throws {
        try await PipelineHarness.with { harness in
            let officer = try await harness.officer("NCA_TICAT")
            var browser = ConsoleBrowser(harness.feedback.router)

            let home = await browser.get("/console")
            #expect(home.status == 303 && home.location == "/console/sign-in")
            let form = await browser.get("/console/sign-in")
            #expect(form.status == 200)
            #expect(form.headers["Content-Security-Policy"]?.contains("default-src 'none'") == true)
            #expect(form.headers["Content-Security-Policy"]?.contains("script-src") == false)
            let signInCookie = try #require(form.headers.values("Set-Cookie").first)
            #expect(signInCookie.contains("HttpOnly") && signInCookie.contains("SameSite=Strict") && !signInCookie.contains("Secure"))

            let signedIn = await browser.post("/console/sign-in", [("csrf", form.csrf ?? ""), ("key", officer.token)])
            #expect(signedIn.status == 303 && signedIn.location == "/console/overview")
            let cookie = try #require(signedIn.headers.values("Set-Cookie").first { $0.hasPrefix("occ_console=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/console"))
            let token = try #require(browser.cookies["occ_console"])
            #expect(try await harness.count("SELECT count(*) FROM console_sessions WHERE token_hash = $1", Self.sha256(token)) == 1)
            #expect(try await harness.count("SELECT count(*) FROM console_sessions WHERE token_hash = $1 OR actor = $1", token) == 0)
            let event = try #require(try await harness.text("SELECT event FROM audit_log WHERE action = 'console.signed_in'"))
            #expect(event.contains("\"officer\":\(officer.id)") && event.contains("\"actor\":\"officer:\(officer.id)@NCA_TICAT\""))

            let overview = await browser.get("/console/overview")
            #expect(overview.status == 200)
            #expect(overview.html.contains("<html lang=\"en-GB\">"))
            #expect(overview.html.components(separatedBy: "<h1").count == 2)

            // Signing out without the page's token changes nothing.
            let forged = await browser.post("/console/sign-out", [])
            #expect(forged.status == 403)
            #expect(forged.headers["Content-Security-Policy"] != nil)
            #expect(await browser.get("/console/overview").status == 200)
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'console.signed_out'") == 0)

            let out = await browser.post("/console/sign-out", [("csrf", overview.csrf ?? "")])
            #expect(out.status == 303 && out.location == "/console/sign-in")
            #expect(browser.cookies["occ_console"] == nil)
            #expect(try await harness.count("SELECT count(*) FROM console_sessions WHERE revoked_at IS NOT NULL") == 1)
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'console.signed_out'") == 1)

            // The old token opens nothing, even sent again by hand.
            var replay = ConsoleBrowser(harness.feedback.router)
            let stale = await replay.send(cookie: token, "/console/overview")
            #expect(stale.status == 303 && stale.location == "/console/sign-in")
        }
    }

    @Test("a sign-in without the form's token, with a bad key or with a key the console does not admit stores nothing")
    func refusedSignIns() async throws {
        try await PipelineHarness.with { harness in
            let officer = try await harness.officer("COLP_FTC")
            var browser = ConsoleBrowser(harness.feedback.router)
            let form = await browser.get("/console/sign-in")

            let noToken = await browser.post("/console/sign-in", [("key", officer.token)])
            #expect(noToken.status == 403)
            let wrongToken = await browser.post("/console/sign-in", [("csrf", String(repeating: "0", count: 64)), ("key", officer.token)])
            #expect(wrongToken.status == 403)
            // A token copied from the form but without the cookie it pairs with (another browser's).
            var other = ConsoleBrowser(harness.feedback.router)
            #expect(await other.post("/console/sign-in", [("csrf", form.csrf ?? ""), ("key", officer.token)]).status == 403)

            let badKey = await browser.post("/console/sign-in", [("csrf", form.csrf ?? ""), ("key", "occ_nope_nope")])
            #expect(badKey.status == 401 && badKey.html.contains("not accepted"))
            let adminOnly = try await APIKeyRegistry(pool: harness.pool).issue(owner: .exchange, scopes: [.admin]).token
            let refused = await browser.signIn(adminOnly)
            #expect(refused.status == 403 && refused.html.contains("cannot sign in"))
            let notForm = await harness.feedback.router.respond(to: Request(
                method: .post, target: "/console/sign-in", headers: ["Content-Type": "application/json"], body: RequestBody("{}")))
            #expect(notForm.status == .unsupportedMediaType)

            #expect(try await harness.count("SELECT count(*) FROM console_sessions") == 0)
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action LIKE 'console.%'") == 0)
        }
    }

    @Test("a session ends when the operator revokes it, when its key is revoked, and when it expires")
    func sessionsEnd() async throws {
        try await PipelineHarness.with { harness in
            let registry = ConsoleSessionRegistry(pool: harness.pool)
            var first = ConsoleBrowser(harness.feedback.router)
            try await first.signedIn(try await harness.oversightToken())
            let session = try #require(try await registry.list().first)
            #expect(session.role == .oversight)
            try await registry.revoke(id: session.id)
            #expect(await first.get("/console/overview").location == "/console/sign-in")
            await #expect(throws: ConsoleSessionRegistry.RegistryError.unknownSession(session.id)) { try await registry.revoke(id: session.id) }

            let officer = try await harness.officer("NCA_TICAT")
            var second = ConsoleBrowser(harness.feedback.router)
            #expect(await second.signIn(officer.token).status == 303)
            #expect(await second.get("/console/overview").status == 200)
            _ = try await OfficerRegistry(pool: harness.pool).revoke(id: officer.id)
            #expect(await second.get("/console/overview").location == "/console/sign-in")

            var third = ConsoleBrowser(harness.feedback.router)
            try await third.signedIn(try await harness.oversightToken())
            _ = try await harness.count("WITH e AS (UPDATE console_sessions SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day' WHERE revoked_at IS NULL RETURNING 1) SELECT count(*) FROM e")
            #expect(await third.get("/console/overview").location == "/console/sign-in")
            #expect(try await registry.list().isEmpty)
            #expect(try await registry.list(all: true).count == 3)
        }
    }

    @Test("CONSOLE_SECURE_COOKIES marks the cookies Secure")
    func secureCookies() async throws {
        try await PipelineHarness.with { harness in
            let settings = FeedbackSettings(concurrency: 1, console: ConsoleSettings(secureCookies: true))
            let service = FeedbackService(environment: harness.environment(.feedback), settings: settings)
            var browser = ConsoleBrowser(service.router)
            let form = await browser.get("/console/sign-in")
            #expect(form.headers.values("Set-Cookie").allSatisfy { $0.contains("; Secure") })
            let signedIn = await browser.post("/console/sign-in", [("csrf", form.csrf ?? ""), ("key", try await harness.oversightToken())])
            #expect(signedIn.status == 303)
            #expect(signedIn.headers.values("Set-Cookie").allSatisfy { $0.contains("; Secure") })
            await service.pool.close()
        }
    }

    static func sha256(_ text: String) -> String {
        Hex.encode(SHA256.hash(text))
    }
}
