import Runtime

/// The same operations for async callers: initdb and pg_ctl block for seconds (tens of seconds on
/// a loaded machine), so they run on a thread of their own, never on Swift's cooperative pool.
/// In an async context these overloads are chosen over the blocking ones.
extension PostgresLocalCluster {
    public static func start(durable: Bool, settings: [String: String] = [:],
                             log: @escaping @Sendable (String) -> Void = { _ in }) async throws -> PostgresLocalCluster {
        try await BlockingThread.run { try start(durable: durable, settings: settings, log: log) }
    }

    public func restart(mode: String = "fast") async throws {
        try await BlockingThread.run { try self.restart(mode: mode) }
    }

    public func stopServer(mode: String = "fast") async throws {
        try await BlockingThread.run { try self.stopServer(mode: mode) }
    }

    public func startServer() async throws {
        try await BlockingThread.run { try self.startServer() }
    }
}
