import Postgres
import Schema

extension DemoStack {
    /// Each service's conninfo by name. On its own throwaway server the stack creates the
    /// exchange's least-privilege login per service, as a deployment does; on DATABASE_URL it
    /// creates no roles on someone else's server, and the services use that URL (an empty map).
    static func serviceLogins(_ database: Database, on connection: PostgresConnection) async throws -> [String: String] {
        guard let cluster = database.cluster else {
            progressLine("DATABASE_URL given: the services connect with it rather than with per-service logins")
            return [:]
        }
        let services: [(String, ServiceLogin)] = [("intake", .intake), ("enrichment", .enrichment), ("tasking", .tasking), ("feedback", .feedback)]
        try await connection.transaction { connection in
            for (name, service) in services {
                try await LoginRegistry(connection: connection).add(name: "occ_demo_\(name)", service: service, binding: .exchange, password: nil)
            }
        }
        return Dictionary(uniqueKeysWithValues: services.map { ($0.0, cluster.conninfo(user: "occ_demo_\($0.0)")) })
    }
}
