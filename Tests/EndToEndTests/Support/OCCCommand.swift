import Foundation

/// One run of the built `occ` executable (found next to the test bundle) to completion.
struct OCCCommand {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Runs `occ arguments…` with `DATABASE_URL` set to `conninfo`; waits off the cooperative pool.
    static func run(_ arguments: [String], conninfo: String) async throws -> OCCCommand {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = conninfo
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                // Both pipes drain concurrently, so neither can fill up and stall the child.
                let group = DispatchGroup()
                nonisolated(unsafe) var errorBytes = Data()
                DispatchQueue.global().async(group: group) { errorBytes = errors.fileHandleForReading.readDataToEndOfFile() }
                let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                let status = process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
                continuation.resume(returning: OCCCommand(
                    status: status, stdout: String(decoding: outputBytes, as: UTF8.self), stderr: String(decoding: errorBytes, as: UTF8.self)))
            }
        }
    }

    static func executable() throws -> URL {
        let buildDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for name in ["occ", "OCC"] {
            let candidate = buildDirectory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Missing(directory: buildDirectory.path)
    }

    struct Missing: Error, CustomStringConvertible {
        let directory: String
        var description: String { "the occ executable was not found in \(directory); run `swift build --build-tests` first" }
    }
}
