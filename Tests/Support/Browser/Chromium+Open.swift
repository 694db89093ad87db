import Foundation

extension Chromium {
    /// Opens `url` in a new 1280×800 tab and waits for its load event (every image and stylesheet
    /// loaded or failed). With `javaScript: false` the page's scripts never run (`<noscript>`
    /// applies); `cookies` are set before the request.
    public func open(_ url: String, javaScript: Bool = true, cookies: [ChromiumPage.Cookie] = []) async throws -> ChromiumPage {
        let created = try await pipe.send("Target.createTarget", ["url": "about:blank"], timeout: patience)
        guard let target = created["targetId"] as? String else {
            throw ChromiumError.command(method: "Target.createTarget", message: "no targetId")
        }
        let firstEvent = pipe.eventCount
        let attached = try await pipe.send("Target.attachToTarget", ["targetId": target, "flatten": true], timeout: patience)
        guard let session = attached["sessionId"] as? String else {
            throw ChromiumError.command(method: "Target.attachToTarget", message: "no sessionId")
        }
        let page = ChromiumPage(browser: self, session: session, target: target, firstEvent: firstEvent)
        for domain in ["Page", "Runtime", "Log", "Network"] {
            _ = try await page.command("\(domain).enable")
        }
        _ = try await page.command("Emulation.setDeviceMetricsOverride",
                                   ["width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": false])
        if !javaScript {
            _ = try await page.command("Emulation.setScriptExecutionDisabled", ["value": true])
        }
        for cookie in cookies {
            let set = try await page.command("Network.setCookie", [
                "name": cookie.name, "value": cookie.value, "url": cookie.url,
                "httpOnly": cookie.httpOnly, "secure": cookie.secure, "sameSite": cookie.sameSite,
            ])
            if set["success"] as? Bool == false {
                throw ChromiumError.command(method: "Network.setCookie", message: "cookie \(cookie.name) refused for \(cookie.url)")
            }
        }
        let mark = pipe.eventCount
        let navigation = try await page.command("Page.navigate", ["url": url])
        if let error = navigation["errorText"] as? String, !error.isEmpty {
            throw ChromiumError.navigation(url: url, error: error)
        }
        _ = try await pipe.event(after: mark, timeout: patience, "the load event of \(url)") { event in
            event.method == "Page.loadEventFired" && event.sessionID == session
        }
        return page
    }
}
