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
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = conninfo
        environment.merge(extra) { _, given in given }
        let process = try Subprocess(
            try BuiltExecutable.url("occ").path, arguments: arguments, environment: environment, input: input != nil,
            output: .pipe, errors: .pipe)
        if let input, let stdin = process.standardInput {
            stdin.write(Data(input.utf8))
            try stdin.close()
        }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                // Both pipes drain concurrently, so neither can fill up and stall the child.
                let group = DispatchGroup()
                nonisolated(unsafe) var errorBytes = Data()
                DispatchQueue.global().async(group: group) { errorBytes = process.standardError?.readDataToEndOfFile() ?? Data() }
                let outputBytes = process.standardOutput?.readDataToEndOfFile() ?? Data()
                group.wait()
                let status = process.waitUntilExit()
                continuation.resume(returning: OCCCommand(
                    status: status, stdout: String(decoding: outputBytes, as: UTF8.self), stderr: String(decoding: errorBytes, as: UTF8.self)))
            }
        }
    }
}
