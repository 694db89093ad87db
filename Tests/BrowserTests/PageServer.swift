import ConsoleKit
import HTTP
import Runtime
import TestSupport

/// Our own HTTP server on 127.0.0.1 serving the pages the browser tests open.
struct PageServer {
    let server: HTTPServer
    let running: Task<Void, any Error>
    let base: String

    static let page = """
        <!DOCTYPE html><html lang="en"><head><title>Driver test</title><link rel="icon" href="data:,">
        <script src="/app.js"></script></head><body><h1>Driver test</h1>
        <p id="js">scripts did not run</p>
        <noscript><p id="noscript-note">This page works without scripts.</p></noscript>
        <img src="/missing.png" alt="a picture that is not there">
        </body></html>
        """

    /// Logs a console error and changes the page once it has loaded.
    static let script = """
        console.error("boom from app.js");
        document.addEventListener("DOMContentLoaded", () => { document.getElementById("js").textContent = "scripts ran"; });
        """

    static var charts: String {
        let bar = BarChart(id: "teams", title: "Referrals by team", summary: "Referrals received per agency team.",
                           categoryHeader: "Team", categories: ["North West ROCU", "Met Police", "Action Fraud <national>"],
                           series: [ChartSeries(name: "Received", values: [120, 340, 95]), ChartSeries(name: "Tasked", values: [80, 210, 40])])
        let line = LineChart(id: "weekly", title: "Money protected per week", summary: "",
                             periods: ["2026-W45", "2026-W46", "2026-W47", "2026-W48"],
                             series: [ChartSeries(name: "Protected", values: [12_000, 48_500, nil, 30_250])], format: .currency(symbol: "£"))
        let funnel = FunnelChart(id: "funnel", title: "From referral to court", summary: "", stages: [
            FunnelStage(name: "Received", count: 555), FunnelStage(name: "Tasked", count: 330),
            FunnelStage(name: "Accepted", count: 210), FunnelStage(name: "Outcome", count: 96), FunnelStage(name: "Judicial", count: 12),
        ])
        return "<!DOCTYPE html><html lang=\"en\"><head><title>Charts</title><link rel=\"icon\" href=\"data:,\">"
            + "<link rel=\"stylesheet\" href=\"/charts.css\"></head>"
            + "<body><h1>Charts</h1>" + bar.render().markup + line.render().markup + funnel.render().markup + "</body></html>"
    }

    /// The console's policy: nothing inline, nothing from elsewhere.
    static let policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:"

    static func start() throws -> PageServer {
        let router = Router(logger: Logger(service: "browser-test", level: .critical))
        router.get("/page") { _ in Self.html(page) }
        router.get("/app.js") { _ in Response(headers: ["Content-Type": "text/javascript"], body: Array(script.utf8)) }
        // An inline style the policy refuses: the browser logs the refusal as an error.
        router.get("/inline") { _ in
            Self.html("<!DOCTYPE html><html lang=\"en\"><head><link rel=\"icon\" href=\"data:,\"></head><body><p style=\"color: red\">x</p></body></html>")
        }
        router.get("/charts.css") { _ in Response(headers: ["Content-Type": "text/css"], body: Array(ChartStyles.css.utf8)) }
        router.get("/charts") { _ in Self.html(charts) }
        router.get("/cookie") { request in
            Self.html("<!DOCTYPE html><html lang=\"en\"><head><link rel=\"icon\" href=\"data:,\"></head><body><p id=\"cookie\">"
                + HTML.escape(request.headers["Cookie"] ?? "none") + "</p></body></html>")
        }
        let server = HTTPServer(router: router, configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0),
                                logger: Logger(service: "browser-test", level: .critical))
        let port = try server.bind()
        return PageServer(server: server, running: Task { try await server.run() }, base: "http://127.0.0.1:\(port)")
    }

    static func html(_ text: String) -> Response {
        Response(headers: ["Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policy], body: Array(text.utf8))
    }

    func stop() async throws {
        server.shutdown()
        try await running.value
    }
}

/// Runs `body` with a page server and a browser, and always stops both.
func withPages(_ body: (PageServer, Chromium) async throws -> Void) async throws {
    let pages = try PageServer.start()
    do {
        try await withChromium { browser in try await body(pages, browser) }
    } catch {
        try? await pages.stop()
        throw error
    }
    try await pages.stop()
}
