extension PostgresPool {
    /// Starts the background maintenance loop, if the configuration asks for any.
    func startMaintenance() {
        guard let interval = configuration.maintenanceInterval else { return }
        // Off every connection thread, so no query holds it up; it holds the pool only while it
        // works, so a pool nobody else holds goes away and the loop ends.
        let task = Task(executorPreference: globalConcurrentExecutor, priority: .utility) { [weak self] in
            while !Task.isCancelled {
                do {
                    guard let pool = self else { return }
                    await pool.maintain()
                    pool.hooks.maintained()
                }
                try? await Task.sleep(for: interval)
            }
        }
        state.withLock { $0.maintenance = task }
    }

    /// One maintenance round: closes connections idle past `idleTimeout` (keeping
    /// `minConnections` open), pings idle ones unchecked for `keepAliveInterval` and replaces any
    /// that fail, then opens connections up to `minConnections`.
    func maintain() async {
        let now = ContinuousClock.now
        let (expired, unchecked) = state.withLock { state -> ([PostgresConnection], [Idle]) in
            if state.closed { return ([], []) }
            var expired: [PostgresConnection] = []
            var unchecked: [Idle] = []
            var kept: [Idle] = []
            for entry in state.idle {
                if let timeout = configuration.idleTimeout, now - entry.usedAt >= timeout,
                    state.open - expired.count > configuration.minConnections
                {
                    expired.append(entry.connection)
                } else if let interval = configuration.keepAliveInterval, now - entry.checkedAt >= interval {
                    unchecked.append(entry)
                } else {
                    kept.append(entry)
                }
            }
            state.idle = kept
            state.open -= expired.count
            return (expired, unchecked)
        }
        for connection in expired { await connection.close() }
        for entry in unchecked {
            if await entry.connection.ping() {
                await checkIn(Idle(connection: entry.connection, usedAt: entry.usedAt, checkedAt: .now))
            } else {
                await entry.connection.close()
                slotFreed()
            }
        }
        let missing = state.withLock { state -> Int in
            if state.closed { return 0 }
            let missing = max(0, configuration.minConnections - state.open)
            state.open += missing
            return missing
        }
        for _ in 0..<missing {
            // A failed open frees its slot; the next round tries again.
            guard let connection = try? await openConnection() else { continue }
            let opened = ContinuousClock.now
            await checkIn(Idle(connection: connection, usedAt: opened, checkedAt: opened))
        }
    }
}
