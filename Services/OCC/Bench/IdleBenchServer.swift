import Foundation

/// The server of `occ bench idle`, in a child process (`occ bench idle --serve CAP`): it prints its
/// port and serves until its standard input closes.
struct IdleBenchServer {
    let process: Process
    let input: Pipe
    let port: Int

    var pid: Int32 { process.processIdentifier }

    static func start(maxConnections: Int) throws -> IdleBenchServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["bench", "idle", "--serve", String(maxConnections)]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The first line is the port; the child prints nothing else.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw CommandExit(status: 1, description: "the benchmark's server process did not start (it printed no port)")
        }
        return IdleBenchServer(process: process, input: input, port: port)
    }

    /// Resident memory now and at its peak, in bytes, from /proc/PID/status.
    func memory() -> (rss: Int, peak: Int) {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        func kilobytes(_ field: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
            return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
        }
        return (kilobytes("VmRSS"), kilobytes("VmHWM"))
    }

    /// Closes the child's input (it shuts down) and waits for it.
    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
