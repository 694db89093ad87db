/// Why the browser driver could not do what a test asked.
public enum ChromiumError: Error, CustomStringConvertible {
    /// No `chromium` on PATH (or at `OCC_CHROMIUM`).
    case notInstalled
    /// The browser could not be started.
    case launchFailed(String)
    /// The browser ended (or closed its pipe) while a test waited; with the tail of its stderr.
    case exited(String)
    /// Nothing came within the deadline.
    case timedOut(String)
    /// The browser answered a command with an error.
    case command(method: String, message: String)
    /// A navigation failed (e.g. `net::ERR_CONNECTION_REFUSED`).
    case navigation(url: String, error: String)

    public var description: String {
        switch self {
        case .notInstalled:
            "chromium was not found on PATH (nor at OCC_CHROMIUM): run deploy/local/install-deps.sh, "
                + "which installs Debian's chromium package the browser tests drive"
        case .launchFailed(let reason): "chromium could not be started: \(reason)"
        case .exited(let log): "chromium exited; its last output:\n\(log)"
        case .timedOut(let what): "chromium: timed out waiting for \(what)"
        case .command(let method, let message): "chromium: \(method) failed: \(message)"
        case .navigation(let url, let error): "chromium could not load \(url): \(error)"
        }
    }
}
