import Foundation
import HTTP

/// A browser as far as the console's tests need one: a cookie jar (what `Set-Cookie` sets,
/// `Max-Age=0` deletes) and forms posted with the page's anti-forgery token. Requests go
/// straight to the router, as the service would route them.
struct ConsoleBrowser {
    let router: Router
    private(set) var cookies: [String: String] = [:]

    init(_ router: Router) {
        self.router = router
    }

    struct Page {
        let status: Int
        let headers: HTTPHeaders
        let html: String

        var location: String? { headers["Location"] }

        /// The value of the first hidden `csrf` field on the page.
        var csrf: String? {
            html.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/).map { String($0.output.1) }
        }
    }

    mutating func get(_ target: String) async -> Page {
        await send(Request(method: .get, target: target, headers: cookieHeader()))
    }

    /// Posts `fields` form-encoded (nothing added: the test chooses whether to send a token).
    mutating func post(_ target: String, _ fields: [(String, String)]) async -> Page {
        var headers = cookieHeader()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return await send(Request(method: .post, target: target, headers: headers, body: RequestBody(body)))
    }

    /// Opens the sign-in form and submits `key` with the form's token.
    mutating func signIn(_ key: String) async -> Page {
        let form = await get("/console/sign-in")
        return await post("/console/sign-in", [("csrf", form.csrf ?? ""), ("key", key)])
    }

    private func cookieHeader() -> HTTPHeaders {
        cookies.isEmpty ? HTTPHeaders() : ["Cookie": cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    private mutating func send(_ request: Request) async -> Page {
        let response = await router.respond(to: request)
        for header in response.headers.values("Set-Cookie") {
            let first = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(first[0])
            if header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = String(first[1]) }
        }
        return Page(status: response.status.code, headers: response.headers, html: String(decoding: response.body, as: UTF8.self))
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

extension ConsoleBrowser {
    /// Sends a GET with exactly `cookie` as the session cookie, whatever the jar holds.
    mutating func send(cookie: String, _ target: String) async -> Page {
        let response = await router.respond(to: Request(method: .get, target: target, headers: ["Cookie": "occ_console=\(cookie)"]))
        return Page(status: response.status.code, headers: response.headers, html: String(decoding: response.body, as: UTF8.self))
    }
}

extension ConsoleBrowser {
    struct SignInRefused: Error, CustomStringConvertible {
        let description: String
    }

    /// Signs in with `key`, throwing unless the console answers with its redirect to a first page.
    mutating func signedIn(_ key: String) async throws {
        let page = await signIn(key)
        guard page.status == 303, page.location != "/console/sign-in" else { throw SignInRefused(description: "sign-in answered \(page.status)") }
    }
}
