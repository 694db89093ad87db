import FeedbackApp
import Foundation
import HTTP
import TestSupport
import Testing

/// The console in headless Chromium, served by the feedback service over a real socket, against
/// the seeded scenario: every page loads with no console error and no failed request, with
/// scripts on and off, passes the basic accessibility checks, and leaves a 1280×800 screenshot.
@Suite("Console: pages in a browser", .serialized)
struct ConsoleBrowserTests {
    static let pages = ["overview", "benefits", "scorecards", "highlights"]

    @Test("every page loads cleanly with and without JavaScript, passes the accessibility checks, and is screenshotted")
    func pagesInABrowser() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            _ = try await harness.recordOutcome(agency: ftc, tasking: tasking, PipelineHarness.disruptedOutcome)
            let server = harness.feedback.server
            let port = try server.bind()
            let running = Task { try await server.run() }
            defer { server.shutdown() }
            let base = "http://127.0.0.1:\(port)"

            var visitors: [(String, String)] = []
            for (role, key) in [("officer", try await harness.officer("NCA_TICAT").token), ("oversight", try await harness.oversightToken()),
                                ("partner", scenario.bank.token)] {
                var browser = ConsoleBrowser(harness.feedback.router)
                try await browser.signedIn(key)
                visitors.append((role, try #require(browser.cookies["occ_console"])))
            }

            try await withChromium { chromium in
                for javaScript in [true, false] {
                    let signIn = try await chromium.open(base + "/console/sign-in", javaScript: javaScript)
                    try await Self.check(signIn, name: "sign-in", screenshot: javaScript)
                    for (role, token) in visitors {
                        let cookie = ChromiumPage.Cookie(name: "occ_console", value: token, url: base)
                        let pages = switch role {
                        case "partner": ["scorecards"]
                        case "officer": Self.pages + ["journeys"]
                        default: Self.pages
                        }
                        for page in pages {
                            let opened = try await chromium.open(base + "/console/" + page, javaScript: javaScript, cookies: [cookie])
                            try await Self.check(opened, name: "\(role)-\(page)", screenshot: javaScript)
                        }
                    }
                }
            }
            server.shutdown()
            try await running.value
        }
    }

    static func check(_ page: ChromiumPage, name: String, screenshot: Bool) async throws {
        let html = try await page.html()
        #expect(page.consoleErrors == [], "\(name)")
        #expect(page.failedRequests.isEmpty, "\(name): \(page.failedRequests)")
        #expect(A11yCheck.problems(html: html) == [], "\(name)")
        #expect(try await page.isRendered("h1"), "\(name)")
        #expect(!html.contains("Sign in with your API key") || name == "sign-in", "\(name) fell back to the sign-in form")
        if screenshot { try await page.screenshot(to: Chromium.screenshotDirectory + "/console/\(name).png") }
        try await page.close()
    }
}
