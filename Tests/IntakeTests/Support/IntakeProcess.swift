import Foundation
import HTTP
import TestSupport

/// The built `intake` executable running as a subprocess on a free port.
///
/// Besides proving the real binary works, this keeps heavy tests out of the test process, where
/// Swift Testing records a backtrace for every thrown error and slows the JSON decoding down.
final class IntakeProcess {
    let process = Process()
    let port: Int

    /// Starts the binary (found next to the test bundle, e.g. `.build/debug/intake`) and waits until `/readyz` is 200.
    init(conninfo: String) async throws {
        port = try RawSocket.freePort()
        process.executableURL = try BuiltExecutable.url("intake")
        process.environment = ["DATABASE_URL": conninfo, "HTTP_HOST": "127.0.0.1", "HTTP_PORT": String(port), "LOG_LEVEL": "error"]
        try process.run()
        let client = HTTPClient(port: port, timeout: .seconds(5))
        defer { Task { await client.close() } }
        for _ in 0..<100 {
            if (try? await client.get("/readyz"))?.status == .ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw Failure.notReady
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Sends SIGTERM and waits; returns the exit status (0 after a graceful shutdown).
    func stop() -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    enum Failure: Error {
        case notReady
    }
}
