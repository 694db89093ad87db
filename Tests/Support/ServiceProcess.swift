import Foundation
import Glibc
import HTTP

/// One of the built service executables (`intake`, `enrichment`, `tasking`, `feedback`), found next
/// to the test bundle, running as a subprocess on a free port until stopped or killed.
///
/// Besides proving the real binaries work, this keeps heavy tests out of the test process, where
/// Swift Testing records a backtrace for every thrown error.
public final class ServiceProcess {
    public let name: String
    public let port: Int
    private let process: Subprocess

    /// Starts the binary and waits until its `/readyz` answers 200. Its log lines (standard error)
    /// go to `logPath` when given, else to the test process's own standard error.
    public init(_ name: String, conninfo: String, environment extra: [String: String] = [:], logPath: String? = nil) async throws {
        self.name = name
        port = try LoopbackPort.free()
        // A sanitizer run's options (ASAN_OPTIONS, TSAN_OPTIONS…) apply to the sanitized children too.
        let sanitizerOptions = ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }
        let environment = ["DATABASE_URL": conninfo, "HTTP_HOST": "127.0.0.1", "HTTP_PORT": String(port), "LOG_LEVEL": "error"]
            .merging(sanitizerOptions) { own, _ in own }
            .merging(extra) { _, given in given }
        process = try Subprocess(
            try BuiltExecutable.url(name).path, environment: environment, errors: logPath.map { .file($0) } ?? .inherit)
        let client = HTTPClient(port: port, timeout: .seconds(5))
        defer { Task { await client.close() } }
        for _ in 0..<100 {
            if (try? await client.get("/readyz"))?.status == .ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.send(SIGTERM)
        throw Failure.notReady(name)
    }

    deinit {
        process.send(SIGTERM)
    }

    /// A client for this service; `timeout` bounds each request. The default is generous: a bulk
    /// upload of a thousand referrals can take tens of seconds while the whole suite loads a small machine.
    public func client(timeout: Duration = .seconds(120)) -> HTTPClient {
        HTTPClient(port: port, timeout: timeout)
    }

    /// SIGTERM, then waits; returns the exit status (0 after a graceful shutdown).
    public func stop() async -> Int32 {
        process.send(SIGTERM)
        return await process.exitStatus()
    }

    /// SIGKILL: the process dies mid-work without any chance to clean up.
    public func killHard() async {
        process.send(SIGKILL)
        _ = await process.exitStatus()
    }

    public enum Failure: Error {
        case notReady(String)
    }
}
