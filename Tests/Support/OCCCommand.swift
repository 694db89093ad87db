import Foundation

/// One run of the built `occ` executable (found next to the test bundle) to completion.
public struct OCCCommand: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// Runs `occ arguments…` with `DATABASE_URL` set to `conninfo` (and `environment` added), with
    /// `input` on standard input; waits off the cooperative pool.
    public static func run(
        _ arguments: [String], conninfo: String, environment extra: [String: String] = [:], input: String? = nil
    ) async throws -> OCCCommand {
        let process = Process()
        process.executableURL = try BuiltExecutable.url("occ")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = conninfo
        environment.merge(extra) { _, given in given }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
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
}
