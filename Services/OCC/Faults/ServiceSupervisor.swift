import Foundation
import Glibc
import HTTP

/// The four services as a supervisor (systemd's `Restart=always`) runs them: one child process
/// each, with its own login. A process that exits is started again after `restartDelay`; a live
/// one is never touched, except by `kill(_:)` — the fault itself.
final class ServiceSupervisor: @unchecked Sendable {
    // Invariant: `processes`, `killed`, `unexpectedExits` and `stopping` are read and written only
    // under `lock`, and processes are started and signalled only while holding it, so a restart
    // never races a kill or `stop`.
    private let lock = NSLock()
    private var processes: [String: Process] = [:]
    private var killed: Set<Int32> = []
    private var unexpectedExits: [String] = []
    private var stopping = false

    let ports: [String: Int]
    private let conninfos: [String: String]
    private let logDirectory: String
    private let binaries: URL
    static let restartDelay = 0.5

    init(basePort: Int, conninfos: [String: String], logDirectory: String) throws {
        var ports: [String: Int] = [:]
        for (offset, name) in FaultSettings.services.enumerated() { ports[name] = basePort + offset }
        self.ports = ports
        self.conninfos = conninfos
        self.logDirectory = logDirectory
        binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for name in FaultSettings.services where !FileManager.default.isExecutableFile(atPath: binaries.appendingPathComponent(name).path) {
            throw FaultSuiteError("\(binaries.path)/\(name) not found: build every product first (swift build -c release)")
        }
    }

    /// Starts every service and waits until each is ready (`/readyz`: database reachable, schema current).
    func start() async throws {
        for name in FaultSettings.services { lock.withLock { launch(name) } }
        for name in FaultSettings.services where await waitReady(name, timeout: .seconds(60)) == nil {
            throw FaultSuiteError("\(name) did not become ready within 60 s; see \(logDirectory)/\(name).log")
        }
    }

    /// SIGKILL to the service's current process; the supervisor restarts it. Returns the pid killed.
    func kill(_ name: String) -> Int32? {
        lock.withLock {
            guard let process = processes[name], process.isRunning else { return nil }
            killed.insert(process.processIdentifier)
            Glibc.kill(process.processIdentifier, SIGKILL)
            return process.processIdentifier
        }
    }

    func pid(_ name: String) -> Int32? {
        lock.withLock { processes[name].map(\.processIdentifier) }
    }

    /// Waits until `/readyz` answers 200 from a process other than `oldPID`; the time it took, or nil.
    func waitReady(_ name: String, replacing oldPID: Int32? = nil, timeout: Duration) async -> Duration? {
        let clock = ContinuousClock()
        let start = clock.now
        let client = HTTPClient(port: ports[name]!, timeout: .seconds(2))
        defer { Task { await client.close() } }
        while clock.now - start < timeout {
            if let pid = pid(name), pid != oldPID, (try? await client.get("/readyz"))?.status == .ok { return clock.now - start }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Exits the harness did not cause since the last call (a service that died on its own).
    func takeUnexpectedExits() -> [String] {
        lock.withLock {
            defer { unexpectedExits = [] }
            return unexpectedExits
        }
    }

    /// SIGTERM to every service (graceful drain), SIGKILL to any still running after 15 s.
    func stop() {
        let running = lock.withLock {
            stopping = true
            return Array(processes.values)
        }
        for process in running where process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(15)
        for process in running {
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        }
    }

    /// Starts `name`; called with `lock` held.
    private func launch(_ name: String) {
        guard !stopping else { return }
        let process = Process()
        process.executableURL = binaries.appendingPathComponent(name)
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = conninfos[name]
        environment["HTTP_HOST"] = "127.0.0.1"
        environment["HTTP_PORT"] = String(ports[name]!)
        environment["LOG_LEVEL"] = environment["LOG_LEVEL"] ?? "warning"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let log = Self.appendingHandle("\(logDirectory)/\(name).log")
        if let log {
            process.standardOutput = log
            process.standardError = log
        }
        process.terminationHandler = { [weak self] ended in self?.exited(name, ended) }
        // The child holds its own copy of the log descriptor; ours would only leak, one per restart.
        defer { try? log?.close() }
        do {
            try process.run()
            processes[name] = process
        } catch {
            unexpectedExits.append("\(name) could not be started: \(error)")
            scheduleRestart(name)
        }
    }

    private func exited(_ name: String, _ process: Process) {
        lock.withLock {
            guard !stopping, processes[name] === process else { return }
            if killed.remove(process.processIdentifier) == nil {
                let how = process.terminationReason == .uncaughtSignal ? "signal" : "status"
                unexpectedExits.append("\(name) (pid \(process.processIdentifier)) exited on its own with \(how) \(process.terminationStatus)")
            }
            scheduleRestart(name)
        }
    }

    private func scheduleRestart(_ name: String) {
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.restartDelay) { [weak self] in
            guard let self else { return }
            lock.withLock { self.launch(name) }
        }
    }

    private static func appendingHandle(_ path: String) -> FileHandle? {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        handle.seekToEndOfFile()
        return handle
    }
}
