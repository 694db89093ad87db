import Foundation
import HTTP
import Synchronization

/// The four service executables, started as child processes next to this `occ` binary.
final class DemoStack: Sendable {
    /// The running children; once `stopped`, whatever `start` launches late is stopped at once.
    private let state = Mutex<(stopped: Bool, processes: [(name: String, process: Process)])>((false, []))
    let ports: [String: Int]

    init(basePort: Int) {
        ports = ["intake": basePort, "enrichment": basePort + 1, "tasking": basePort + 2, "feedback": basePort + 3]
    }

    /// Starts every service with its own port and database login (`conninfo` by service name) and
    /// waits until each answers `/healthz`.
    func start(conninfo: (String) -> String, logDirectory: String) async throws {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for name in ["intake", "enrichment", "tasking", "feedback"] {
            let binary = directory.appendingPathComponent(name)
            guard FileManager.default.isExecutableFile(atPath: binary.path) else {
                throw DemoFailure("\(binary.path) not found: build every product first (swift build -c release)")
            }
            let process = Process()
            process.executableURL = binary
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = conninfo(name)
            environment["HTTP_HOST"] = "127.0.0.1"
            environment["HTTP_PORT"] = "\(ports[name]!)"
            environment["LOG_LEVEL"] = environment["LOG_LEVEL"] ?? "warning"
            process.environment = environment
            let logPath = "\(logDirectory)/\(name).log"
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
            process.standardOutput = process.standardError
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let late = state.withLock { state in
                state.processes.append((name, process))
                return state.stopped
            }
            if late {
                stop()
                throw CancellationError()
            }
        }
        for (name, port) in ports.sorted(by: { $0.value < $1.value }) {
            try await waitForHealth(name: name, port: port)
        }
    }

    private func waitForHealth(name: String, port: Int) async throws {
        let client = HTTPClient(port: port, timeout: .seconds(2))
        defer { Task { await client.close() } }
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let response = try? await client.get("/healthz"), response.status.code == 200 { return }
            if let process = state.withLock({ $0.processes.first { $0.name == name }?.process }), !process.isRunning {
                throw DemoFailure("\(name) exited during start-up (status \(process.terminationStatus)); see its log")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw DemoFailure("\(name) did not become healthy on port \(port) within 60 s")
    }

    /// The running services' process ids, in start order.
    var pids: [(name: String, pid: Int32)] {
        state.withLock { $0.processes.map { ($0.name, $0.process.processIdentifier) } }
    }

    /// SIGTERM to every service (graceful drain), in reverse start order, and waits for them.
    /// Safe to call more than once and from any task (a signal's and the demo's own).
    func stop() {
        let processes = state.withLock { state in
            state.stopped = true
            defer { state.processes = [] }
            return state.processes
        }
        for (_, process) in processes.reversed() where process.isRunning { process.terminate() }
        for (_, process) in processes.reversed() {
            // A service still starting up may not listen for SIGTERM yet (it inherits the demo's
            // ignored SIGTERM until its own signal source exists), so the first can be lost: say
            // it again every second; after 30 s, SIGKILL.
            var tenths = 0
            while process.isRunning && tenths < 300 {
                usleep(100_000)
                tenths += 1
                if tenths % 10 == 0 && process.isRunning { process.terminate() }
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }
}

/// The demo could not go on; says why, without the usage text a `UsageError` would print.
struct DemoFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
