import Foundation
import Postgres

/// Runs `pgbench` (prepared protocol) with a custom script on the benchmark's server.
enum Pgbench {
    struct Result {
        let tps: Double
        /// Average latency, milliseconds.
        let latency: Double
    }

    static func run(_ conninfo: String, script: String, clients: Int, seconds: Int) throws -> Result {
        let path = "/tmp/occ-pgbench-\(getpid())-\(UUID().uuidString.prefix(8)).sql"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try PostgresLocalCluster.runTool("pgbench", [
            "-n", "-M", "prepared", "-c", "\(clients)", "-j", "\(min(clients, 2))", "-T", "\(seconds)", "-f", path, conninfo,
        ])
        guard run.status == 0 else { throw UsageError("pgbench failed: \(run.output.suffix(500))") }
        func value(after label: String) -> Double {
            guard let line = run.output.split(separator: "\n").first(where: { $0.hasPrefix(label) }) else { return 0 }
            return Double(line.dropFirst(label.count).split(separator: " ").first ?? "") ?? 0
        }
        return Result(tps: value(after: "tps = "), latency: value(after: "latency average = "))
    }
}
