import ConsoleKit
import Foundation
@testable import TestSupport
import Testing

/// The headless Chromium driver against pages our own HTTP server serves. One browser at a time:
/// the machine's cores are shared with builds and other suites.
@Suite(.serialized) struct ChromiumTests {
    @Test func reportsExactlyTheConsoleErrorAndTheMissingImage() async throws {
        try await withPages { pages, browser in
            let page = try await browser.open(pages.base + "/page")
            #expect(page.consoleErrors == ["boom from app.js"])
            #expect(page.failedRequests.map(\.description) == [pages.base + "/missing.png: 404"])
            #expect(try await page.html().contains(#"<p id="js">scripts ran</p>"#))
            #expect(try await page.isRendered("#noscript-note") == false)
            #expect(try await page.isRendered("h1"))
        }
    }

    @Test func withJavaScriptDisabledTheNoscriptContentShows() async throws {
        try await withPages { pages, browser in
            let page = try await browser.open(pages.base + "/page", javaScript: false)
            #expect(try await page.isRendered("#noscript-note"))
            #expect(try await page.html().contains(#"<p id="js">scripts did not run</p>"#))
            #expect(page.consoleErrors == [])
            #expect(page.failedRequests.map(\.description).contains(pages.base + "/missing.png: 404"))
        }
    }

    @Test func screenshotIsA1280By800PNG() async throws {
        try await withPages { pages, browser in
            let page = try await browser.open(pages.base + "/page")
            let path = NSTemporaryDirectory() + "occ-screenshot-\(UUID().uuidString)/page.png"
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            try await page.screenshot(to: path)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect((width, height) == (1280, 800))
        }
    }

    @Test func cookiesAreSentWithTheRequest() async throws {
        try await withPages { pages, browser in
            let cookie = ChromiumPage.Cookie(name: "occ_session", value: "s3cr3t", url: pages.base)
            let page = try await browser.open(pages.base + "/cookie", cookies: [cookie])
            #expect(try await page.html().contains(#"<p id="cookie">occ_session=s3cr3t</p>"#))
        }
    }

    @Test func chartsLoadCleanlyUnderTheConsolePolicyAndPassTheChecks() async throws {
        try await withPages { pages, browser in
            for javaScript in [true, false] {
                let page = try await browser.open(pages.base + "/charts", javaScript: javaScript)
                #expect(page.consoleErrors == [])
                #expect(page.failedRequests.isEmpty)
                #expect(A11yCheck.problems(html: try await page.html()) == [])
                #expect(try await page.isRendered("figure#funnel svg"))
                #expect(try await page.isRendered("figure#teams table"))
                if javaScript { try await page.screenshot(to: Chromium.screenshotDirectory + "/browser-tests/charts.png") }
                try await page.close()
            }
        }
    }

    @Test func aPolicyViolationIsAConsoleError() async throws {
        try await withPages { pages, browser in
            let page = try await browser.open(pages.base + "/inline")
            #expect(page.consoleErrors.count == 1)
            #expect(page.consoleErrors.first?.contains("Content Security Policy") == true)
        }
    }

    @Test func anUnreachableServerIsANavigationError() async throws {
        try await withChromium { browser in
            await #expect(throws: ChromiumError.self) { try await browser.open("http://127.0.0.1:9/") }
        }
    }

    @Test func aMissingBrowserNamesTheInstallScript() throws {
        #expect(throws: ChromiumError.self) { try Chromium.locate(in: ["PATH": "/nonexistent"]) }
        #expect(throws: ChromiumError.self) { try Chromium.locate(in: ["OCC_CHROMIUM": "/nonexistent/chromium"]) }
        #expect(ChromiumError.notInstalled.description.contains("deploy/local/install-deps.sh"))
    }
}
