import Postgres

extension JobWorker {
    /// Per-queue settings from `occ_queues`, refreshed by the maintenance loop.
    struct QueueSettings: Sendable {
        var globalConcurrency: Int?
        var paused = false
    }

    func queueSettings(_ queue: String) -> QueueSettings {
        settings.withLock { $0[queue] ?? QueueSettings() }
    }

    /// Heartbeat, rescue, prune and settings refresh, each on its own interval, until cancelled.
    func maintain() async {
        let clock = ContinuousClock()
        var lastHeartbeat = clock.now, heartbeatFailed = false, lastRescue = clock.now - configuration.rescueInterval
        var lastPrune = clock.now - configuration.pruneInterval, lastSettings = clock.now - .seconds(3600)
        var lastPeriodic = clock.now - .seconds(3600)
        let tick = min(configuration.heartbeatInterval, configuration.rescueInterval, configuration.pollInterval, .seconds(1))
        while !Task.isCancelled {
            let now = clock.now
            do {
                // After a failure (a restarting server) the next tick tries again: leases held
                // through an outage must be renewed before any rescuer can take them.
                if heartbeatFailed || now - lastHeartbeat >= configuration.heartbeatInterval {
                    lastHeartbeat = now
                    heartbeatFailed = true
                    try await heartbeat()
                    heartbeatFailed = false
                }
                if now - lastSettings >= configuration.pollInterval {
                    lastSettings = now
                    try await refreshSettings()
                }
                if now - lastRescue >= configuration.rescueInterval {
                    lastRescue = now
                    let rescued = try await rescue()
                    if rescued > 0 {
                        logger.warning("rescued jobs whose lease expired", ["count": "\(rescued)"])
                        signals.values.forEach { $0.signal() }
                    }
                }
                if !configuration.periodic.isEmpty, now - lastPeriodic >= tick {
                    lastPeriodic = now
                    try await enqueueDuePeriodicJobs()
                }
                if now - lastPrune >= configuration.pruneInterval {
                    lastPrune = now
                    try await prune()
                }
            } catch {
                if !Task.isCancelled { logger.error("queue maintenance failed", ["error": "\(error)"]) }
            }
            try? await Task.sleep(for: tick)
        }
    }

    /// Extends the leases of the jobs in flight in this process, and only those.
    func heartbeat() async throws {
        let (ids, keys) = inFlight.heartbeatKeys
        guard !ids.isEmpty else { return }
        try await pool.query(JobQueries.heartbeat.binding(configuration.workerID, ids, keys, intervalText(configuration.leaseDuration)))
    }

    /// Returns expired-lease jobs to the queue (or discards them on their last attempt).
    func rescue() async throws -> Int {
        let returned = try await pool.query(JobQueries.rescue).affectedRows
        let discarded = try await pool.query(JobQueries.rescueExhausted).affectedRows
        return returned + discarded
    }

    /// Inserts each periodic job whose time has come, claiming the run and inserting the job in
    /// one transaction so that exactly one process does it.
    func enqueueDuePeriodicJobs() async throws {
        let queue = JobQueue(pool: pool)
        for periodic in configuration.periodic {
            try await pool.transaction { connection in
                try await connection.query(JobQueries.registerPeriodic.binding(periodic.name))
                let claimed = try await connection.query(JobQueries.claimPeriodic.binding(periodic.name, intervalText(periodic.interval)))
                if claimed.affectedRows == 1 {
                    _ = try await queue.enqueueMany([try periodic.makeInsert()], on: connection)
                }
            }
        }
    }

    private func prune() async throws {
        let retention = intervalText(configuration.historyRetention)
        while !Task.isCancelled {
            let deleted = try await pool.query(JobQueries.pruneHistory.binding(retention, 10_000)).affectedRows
            if deleted < 10_000 { return }
        }
    }

    func refreshSettings() async throws {
        var fresh: [String: QueueSettings] = [:]
        for queue in configuration.queues.keys {
            if let row = try await pool.query(JobQueries.queueSettings.binding(queue)).single {
                fresh[queue] = QueueSettings(globalConcurrency: try row.decode(Int?.self, "global_concurrency"),
                                             paused: try row.decode(Bool.self, "paused"))
            }
        }
        settings.withLock { $0 = fresh }
    }
}
