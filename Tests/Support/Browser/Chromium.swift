import Foundation
import Glibc
import Synchronization

/// Debian's `chromium`, headless, driven over the DevTools protocol on a pipe (no WebSocket, no
/// port). Each instance has its own profile in a fresh directory under /tmp, removed by `close()`;
/// the browser runs in its own process group, which `close()` kills. Use `withChromium` so that
/// happens whatever the test does.
public final class Chromium: Sendable {
    let pipe: CDPPipe
    let pid: pid_t
    /// The browser's own directory under /tmp: its profile and its log.
    let directory: String
    private let closed = Mutex(false)
    /// Every wait on the browser ends by then at the latest (scaled by `TestTime.scale`).
    let patience: Duration

    private init(pid: pid_t, directory: String, pipe: CDPPipe, patience: Duration) {
        self.pid = pid
        self.directory = directory
        self.pipe = pipe
        self.patience = patience
    }

    deinit {
        close()
    }

    /// Starts the browser and waits (up to `patience`) until it answers on the pipe.
    /// Throws `ChromiumError.notInstalled` when there is no `chromium` to start.
    public static func launch(patience: Duration = .seconds(60)) async throws -> Chromium {
        let patience = TestTime.scaled(patience)
        let executable = try locate(in: ProcessInfo.processInfo.environment)
        var template = Array("/tmp/occ-chromium-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw ChromiumError.launchFailed("mkdtemp: \(String(cString: strerror(errno)))") }
        let directory = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let logPath = directory + "/chromium.log"
        // A browser that dies while we write must not take the test process with it.
        signal(SIGPIPE, SIG_IGN)
        let spawned: (pid: pid_t, write: Int32, read: Int32)
        do {
            spawned = try spawn(executable, arguments: arguments(profile: directory + "/profile"), home: directory, log: logPath)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        let pipe = CDPPipe(writeFD: spawned.write, readFD: spawned.read) { tail(of: logPath) }
        let browser = Chromium(pid: spawned.pid, directory: directory, pipe: pipe, patience: patience)
        _ = try await pipe.send("Browser.getVersion", timeout: patience)
        return browser
    }

    /// Kills the browser's process group, reaps it and removes its directory. Idempotent.
    public func close() {
        let already = closed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !already else { return }
        pipe.closeWriter()
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `OCC_CHROMIUM`, else `chromium` or `chromium-browser` on PATH.
    static func locate(in environment: [String: String]) throws -> String {
        if let path = environment["OCC_CHROMIUM"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else { throw ChromiumError.notInstalled }
            return path
        }
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let path = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        throw ChromiumError.notInstalled
    }

    static func arguments(profile: String) -> [String] {
        var arguments = [
            "--headless=new", "--remote-debugging-pipe", "--user-data-dir=\(profile)",
            "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
            "--window-size=1280,800", "--password-store=basic", "--use-mock-keychain",
        ]
        // Chromium refuses to run as root with its sandbox; CI runs the suites as root.
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        return arguments + ["about:blank"]
    }

    /// Where tests put screenshots for people to look at: `OCC_SCREENSHOTS`, else `screenshots`
    /// in the build folder (next to the test bundle, e.g. `.build/debug/screenshots`).
    public static var screenshotDirectory: String {
        if let directory = ProcessInfo.processInfo.environment["OCC_SCREENSHOTS"], !directory.isEmpty { return directory }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("screenshots").path
    }

    /// The last lines the browser printed.
    static func tail(of path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "(no output)" }
        return text.split(separator: "\n").suffix(20).joined(separator: "\n")
    }
}

/// Starts a browser, runs `body` with it and always closes it.
public func withChromium<T>(
    patience: Duration = .seconds(60), _ body: (Chromium) async throws -> T
) async throws -> T {
    let browser = try await Chromium.launch(patience: patience)
    defer { browser.close() }
    return try await body(browser)
}
