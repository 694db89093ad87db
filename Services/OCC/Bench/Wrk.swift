import Foundation

/// Runs `wrk` against a local `GET /healthz` and reads its summary.
enum Wrk {
    struct Result {
        let rate: Double
        let requests: Int
    }

    static func run(port: Int, connections: Int, seconds: Int) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["wrk", "-t", "\(min(2, connections))", "-c", "\(connections)", "-d", "\(seconds)s",
                             "http://127.0.0.1:\(port)/healthz"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            throw UsageError("cannot run wrk (Debian package 'wrk'): \(error)")
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard process.terminationStatus == 0,
              let rateLine = lines.first(where: { $0.hasPrefix("Requests/sec:") }),
              let rate = Double(rateLine.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces)),
              let totalLine = lines.first(where: { $0.contains(" requests in ") }),
              let requests = Int(totalLine.split(separator: " ").first ?? "") else {
            throw UsageError("wrk failed: \(output.suffix(500))")
        }
        return Result(rate: rate, requests: requests)
    }
}
