import CLibPQ

extension PostgresConnection {
    /// Whether the session is still usable (socket open, not mid-transaction failure). Local
    /// state only: it cannot see a server that vanished since the last call; `ping` can.
    public var isHealthy: Bool {
        get async {
            (try? await onExecutor(ignoringCancellation: true) { session in
                guard let handle = session.handle else { return false }
                return PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
                    && PQpipelineStatus(handle) == PQ_PIPELINE_OFF
            }) ?? false
        }
    }

    /// Whether the server still answers on this session: one `SELECT 1` round trip. For idle
    /// connections, whose sockets may have died unnoticed (a restart, a firewall's idle cut-off).
    func ping() async -> Bool {
        (try? await onExecutor(ignoringCancellation: true, queryName: "ping") { session in
            _ = try session.runSimple("SELECT 1", name: "ping")
            return session.handle.map { PQtransactionStatus($0) == PQTRANS_IDLE } ?? false
        }) ?? false
    }

    /// The session's effective libpq options (`PQconninfo`), for tests and diagnostics.
    func connectionOptions() async throws -> [String: String] {
        try await onExecutor(ignoringCancellation: true) { session in
            let handle = try session.requireHandle(nil)
            guard let options = PQconninfo(handle) else { return [:] }
            defer { PQconninfoFree(options) }
            var result: [String: String] = [:]
            var option = options
            while let keyword = option.pointee.keyword {
                if let value = option.pointee.val { result[String(cString: keyword)] = String(cString: value) }
                option += 1
            }
            return result
        }
    }

    /// The session's socket, for tests that inspect its options; valid while the connection is open.
    func socketDescriptor() async throws -> Int32 {
        try await onExecutor(ignoringCancellation: true) { session in PQsocket(try session.requireHandle(nil)) }
    }
}
