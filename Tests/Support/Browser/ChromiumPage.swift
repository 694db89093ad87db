import Foundation

/// One tab, opened by `Chromium.open`: its DOM, what went wrong while it loaded, a screenshot.
/// Errors and failed requests are collected from the moment the tab was made until they are read.
public struct ChromiumPage: Sendable {
    /// A request that failed: a network error or a response with status 400 or more.
    public struct FailedRequest: Sendable, Equatable, CustomStringConvertible {
        public let url: String
        /// "404", "500"… or the network error (`net::ERR_CONNECTION_REFUSED`).
        public let reason: String
        public var description: String { "\(url): \(reason)" }
    }

    /// A cookie to set before the page loads.
    public struct Cookie: Sendable {
        public var name: String
        public var value: String
        /// Where it applies; the cookie's domain and path are taken from it.
        public var url: String
        public var httpOnly: Bool
        public var secure: Bool
        /// "Strict", "Lax" or "None".
        public var sameSite: String

        public init(name: String, value: String, url: String, httpOnly: Bool = true, secure: Bool = false, sameSite: String = "Strict") {
            self.name = name
            self.value = value
            self.url = url
            self.httpOnly = httpOnly
            self.secure = secure
            self.sameSite = sameSite
        }
    }

    let browser: Chromium
    let session: String
    let target: String
    /// The position in the browser's event log where this tab's events begin.
    let firstEvent: Int

    /// The document as the browser now holds it (after scripts ran, if they may), doctype included.
    public func html() async throws -> String {
        let document = try await command("DOM.getDocument", ["depth": 0])
        let root = (document["root"] as? [String: Any])?["nodeId"] as? Int ?? 0
        let outer = try await command("DOM.getOuterHTML", ["nodeId": root])
        return outer["outerHTML"] as? String ?? ""
    }

    /// `console.error` calls, uncaught exceptions and the browser's own error log entries (a CSP
    /// refusal, say), in order. Chromium's "Failed to load resource" entries are left out: those
    /// requests are in `failedRequests`.
    public var consoleErrors: [String] {
        events.compactMap { event in
            let params = event.params
            switch event.method {
            case "Runtime.consoleAPICalled" where params["type"] as? String == "error":
                let arguments = params["args"] as? [[String: Any]] ?? []
                return arguments.map { argument in
                    argument["value"].map { "\($0)" } ?? argument["description"] as? String ?? "\(argument["type"] ?? "?")"
                }.joined(separator: " ")
            case "Runtime.exceptionThrown":
                let details = params["exceptionDetails"] as? [String: Any] ?? [:]
                let exception = details["exception"] as? [String: Any] ?? [:]
                return exception["description"] as? String ?? details["text"] as? String ?? "exception"
            case "Log.entryAdded":
                let entry = params["entry"] as? [String: Any] ?? [:]
                guard entry["level"] as? String == "error", entry["source"] as? String != "network" else { return nil }
                return entry["text"] as? String ?? "error"
            default:
                return nil
            }
        }
    }

    /// Requests that failed at the network level or were answered with status 400 or more, in order.
    public var failedRequests: [FailedRequest] {
        var urls: [String: String] = [:]
        return events.compactMap { event in
            let params = event.params
            switch event.method {
            case "Network.requestWillBeSent":
                if let id = params["requestId"] as? String, let request = params["request"] as? [String: Any] {
                    urls[id] = request["url"] as? String
                }
                return nil
            case "Network.responseReceived":
                let response = params["response"] as? [String: Any] ?? [:]
                guard let status = response["status"] as? Int, status >= 400 else { return nil }
                return FailedRequest(url: response["url"] as? String ?? "?", reason: "\(status)")
            case "Network.loadingFailed":
                let id = params["requestId"] as? String ?? ""
                return FailedRequest(url: urls[id] ?? "?", reason: params["errorText"] as? String ?? "failed")
            default:
                return nil
            }
        }
    }

    /// Whether an element matching the CSS `selector` is rendered with a box (false when there is
    /// none, or it is `display: none`, or it is the text of a `<noscript>` while scripts run).
    public func isRendered(_ selector: String) async throws -> Bool {
        let document = try await command("DOM.getDocument", ["depth": 0])
        let root = (document["root"] as? [String: Any])?["nodeId"] as? Int ?? 0
        let found = try await command("DOM.querySelector", ["nodeId": root, "selector": selector])
        guard let node = found["nodeId"] as? Int, node != 0 else { return false }
        do {
            let box = try await command("DOM.getBoxModel", ["nodeId": node])
            let model = box["model"] as? [String: Any] ?? [:]
            return (model["width"] as? Int ?? 0) > 0 && (model["height"] as? Int ?? 0) > 0
        } catch ChromiumError.command {
            return false  // "Could not compute box model": not rendered.
        }
    }

    /// Saves a PNG of the viewport (1280×800) at `path`, making its directory if need be.
    public func screenshot(to path: String) async throws {
        let result = try await command("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": false])
        guard let text = result["data"] as? String, let data = Data(base64Encoded: text) else {
            throw ChromiumError.command(method: "Page.captureScreenshot", message: "no image data in the answer")
        }
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Closes the tab.
    public func close() async throws {
        _ = try await browser.pipe.send("Target.closeTarget", ["targetId": target], timeout: browser.patience)
    }

    func command(_ method: String, _ params: [String: Any] = [:]) async throws -> [String: Any] {
        try await browser.pipe.send(method, params, session: session, timeout: browser.patience)
    }

    private var events: [CDPMessage] {
        browser.pipe.events.dropFirst(firstEvent).filter { $0.sessionID == session }
    }
}
