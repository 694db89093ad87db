import Foundation
import Postgres

/// Where a command's database is: `DATABASE_URL`, or a throwaway local server if allowed.
struct Database: Sendable {
    let conninfo: String
    let cluster: PostgresLocalCluster?

    /// `DATABASE_URL` when set; otherwise, with `localFallback`, a fresh local server.
    static func resolve(
        localFallback: Bool, durable: Bool = true, settings: [String: String] = [:], progress: (String) -> Void = progressLine
    ) throws -> Database {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            return Database(conninfo: url, cluster: nil)
        }
        guard localFallback else { throw UsageError("DATABASE_URL is not set") }
        progress("DATABASE_URL not set: starting a throwaway PostgreSQL")
        let cluster = try PostgresLocalCluster.start(durable: durable, settings: settings, log: progress)
        return Database(conninfo: cluster.conninfo(), cluster: cluster)
    }

    /// The flag that lets `scratch` write to `DATABASE_URL`.
    static let useDatabaseURLFlag = "use-database-url"

    /// For commands that write made-up data (the demo, benchmarks): a fresh local server of their
    /// own; `DATABASE_URL` only with `--use-database-url`. Without the flag a set `DATABASE_URL` is
    /// refused (exit 2) before any connection, so an operator's shell pointing at a real exchange
    /// cannot turn a benchmark into fake partners and referrals in its audit log.
    static func scratch(_ arguments: Arguments, command: String, durable: Bool, settings: [String: String] = [:]) throws -> Database {
        let url = ProcessInfo.processInfo.environment["DATABASE_URL"] ?? ""
        let allowed = arguments.flag(useDatabaseURLFlag)
        if !url.isEmpty {
            guard allowed else {
                throw CommandExit(status: 2, description: """
                    refusing to use DATABASE_URL: 'occ \(command)' writes made-up partners, API keys, referrals and \
                    audit rows, and the append-only audit log would keep them for good (they cannot be removed \
                    without breaking its verification). Unset DATABASE_URL to run on a throwaway PostgreSQL of \
                    its own, or pass --\(useDatabaseURLFlag) if that database is yours to fill with test data.
                    """)
            }
            return Database(conninfo: url, cluster: nil)
        }
        if allowed { throw UsageError("--\(useDatabaseURLFlag) given but DATABASE_URL is not set") }
        return try resolve(localFallback: true, durable: durable, settings: settings)
    }

    func stop() { cluster?.stop() }
}

/// Progress lines go to stderr so stdout stays parseable.
func progressLine(_ text: String) {
    FileHandle.standardError.write(Data("· \(text)\n".utf8))
}

/// A result line on stdout, flushed at once so long benchmarks show progress through a pipe.
func emit(_ text: String) {
    print(text)
    fflush(nil)
}
