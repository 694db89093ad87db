import Foundation
import Postgres

/// Where a command's database is: `DATABASE_URL`, or a throwaway local server if allowed.
struct Database: Sendable {
    let conninfo: String
    let cluster: PostgresLocalCluster?

    /// `DATABASE_URL` when set; otherwise, with `localFallback`, a fresh local server.
    static func resolve(localFallback: Bool, durable: Bool = true, progress: (String) -> Void = progressLine) throws -> Database {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            return Database(conninfo: url, cluster: nil)
        }
        guard localFallback else { throw UsageError("DATABASE_URL is not set") }
        progress("DATABASE_URL not set: starting a throwaway PostgreSQL")
        let cluster = try PostgresLocalCluster.start(durable: durable, log: progress)
        return Database(conninfo: cluster.conninfo(), cluster: cluster)
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
