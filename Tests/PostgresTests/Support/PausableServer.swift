import Foundation
import Glibc
import Postgres
import Synchronization

/// A throwaway server of these tests' own, which a test may pause: SIGSTOP on the postmaster
/// leaves established sessions running, while new connections and cancel requests (each a new
/// connection) wait in the listen queue until it resumes. It also listens on 127.0.0.1, for
/// tests that need TCP. Tests that pause it must be serialized, since a pause stalls every connect.
actor PausableServer {
    static let shared = PausableServer()
    /// Shared by concurrent callers: the actor is re-entered while initdb runs.
    private var cluster: Task<PostgresLocalCluster, Error>?
    private var counter = 0

    /// The server, started on first use and stopped when the test process exits.
    func start() async throws -> PostgresLocalCluster {
        let starting = cluster ?? Task { try await Self.startCluster() }
        cluster = starting
        return try await starting.value
    }

    private static func startCluster() async throws -> PostgresLocalCluster {
        let cluster = try await PostgresLocalCluster.start(durable: false, settings: ["listen_addresses": "'127.0.0.1'"])
        let first = startedClusters.withLock { list in
            list.append(cluster)
            return list.count == 1
        }
        if first {
            atexit {
                for cluster in startedClusters.withLock({ $0 }) {
                    PausableServer.signal(cluster, SIGCONT)
                    cluster.stop()
                }
            }
        }
        return cluster
    }

    /// A new, empty database on the server.
    func createDatabase() async throws -> (cluster: PostgresLocalCluster, name: String) {
        let cluster = try await start()
        counter += 1
        let name = "pausable_\(getpid())_\(counter)"
        let admin = try await PostgresConnection.connect(cluster.conninfo(), applicationName: "occ-test-admin")
        // Identifiers cannot be bound as parameters; `name` is built from digits above.
        try await admin.execute("CREATE DATABASE \(name) TEMPLATE template0", name: "create_database")
        await admin.close()
        return (cluster, name)
    }

    /// Sends `signal` to the postmaster (SIGSTOP pauses it, SIGCONT resumes it).
    nonisolated static func signal(_ cluster: PostgresLocalCluster, _ signal: Int32) {
        let pidFile = (try? String(contentsOfFile: "\(cluster.directory)/data/postmaster.pid", encoding: .utf8)) ?? ""
        guard let pid = pidFile.split(separator: "\n").first.flatMap({ pid_t($0) }) else { return }
        kill(pid, signal)
    }
}

private let startedClusters = Mutex<[PostgresLocalCluster]>([])
