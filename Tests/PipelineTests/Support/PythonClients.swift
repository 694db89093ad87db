import Foundation
import Runtime
import Testing
import TestSupport

/// The OASIS Python TAXII client and STIX validator, in the virtual environment
/// `deploy/ci/python-clients.sh` makes. A test that needs them fails when they cannot be had,
/// unless `OCC_SKIP_PYTHON_CLIENTS` says why they are skipped.
enum PythonClients {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Why the tests that need Python are skipped, when the environment says so.
    static var skipReason: String? {
        ProcessInfo.processInfo.environment["OCC_SKIP_PYTHON_CLIENTS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var skipComment: Comment {
        Comment(rawValue: "skipped because OCC_SKIP_PYTHON_CLIENTS is set: \(skipReason ?? "")")
    }

    /// Runs `deploy/ci/taxii-pull.py` with `arguments` and returns its JSON output.
    static func pull(_ arguments: [String]) async throws -> Data {
        let setup = try await run("/bin/bash", [root.appendingPathComponent("deploy/ci/python-clients.sh").path])
        guard let python = String(decoding: setup, as: UTF8.self).split(separator: "\n").last.map(String.init) else {
            throw Failure("deploy/ci/python-clients.sh printed no interpreter")
        }
        return try await run(python, [root.appendingPathComponent("deploy/ci/taxii-pull.py").path] + arguments)
    }

    /// Runs a program to completion on a thread of its own: waiting for it on one of the few
    /// cooperative threads starved the servers it talks to when two such tests ran at once (their
    /// requests were cancelled unanswered).
    private static func run(_ program: String, _ arguments: [String]) async throws -> Data {
        try await BlockingThread.run { try runBlocking(program, arguments) }
    }

    /// Runs a program to completion; its standard output, or a failure with its standard error.
    private static func runBlocking(_ program: String, _ arguments: [String]) throws -> Data {
        // Standard error goes to a file, so a chatty child cannot block on a full pipe.
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("python-clients-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: errorPath) }
        let process = try Subprocess(
            program, arguments: arguments, environment: ProcessInfo.processInfo.environment, output: .pipe, errors: .file(errorPath.path))
        let out = process.standardOutput?.readDataToEndOfFile() ?? Data()
        let status = process.waitUntilExit()
        let err = (try? Data(contentsOf: errorPath)) ?? Data()
        guard status == 0 else {
            throw Failure("\(program) \(arguments.joined(separator: " ")) exited \(status): "
                + String(decoding: err.suffix(4_000), as: UTF8.self))
        }
        return out
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
