extension PostgresPool {
    /// A connection for the caller: an idle one (pinged first if unchecked for `keepAliveInterval`),
    /// a new one while under `maxConnections`, else the first one returned, in order of asking.
    func lease() async throws -> PostgresConnection {
        var deadline: ContinuousClock.Instant?
        while true {
            var step = state.withLock { nextStep(&$0) }
            if case .wait = step {
                let until = deadline ?? .now + configuration.acquireTimeout
                deadline = until
                step = try await waitForTurn(until: until)
            }
            switch step {
            case .reuse(let idle): if let connection = await verified(idle) { return connection }
            case .create: return try await openConnection()
            case .handed(let connection): return connection
            case .closed: throw PostgresError(.poolClosed, reason: "pool closed")
            case .wait: continue
            }
        }
    }

    func nextStep(_ state: inout State) -> Step {
        if state.closed { return .closed }
        if let idle = state.idle.popLast() { return .reuse(idle) }
        if state.open < configuration.maxConnections {
            state.open += 1
            return .create
        }
        return .wait
    }

    /// Queues the caller until a connection or a slot is handed over, the deadline passes or the
    /// task is cancelled.
    func waitForTurn(until deadline: ContinuousClock.Instant) async throws -> Step {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        // Off any connection thread the caller runs on, so the timeout fires whatever that thread does.
        let timer = Task(executorPreference: globalConcurrentExecutor) { [weak self] in
            guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
            self?.failWaiter(id, Self.timeoutError)
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Step, Error>) in
                let immediate = state.withLock { state -> Result<Step, PostgresError>? in
                    // Under the lock `failWaiter` takes: a cancellation or timeout that fired before
                    // this waiter was queued is seen here instead of being lost.
                    if Task.isCancelled { return .failure(Self.cancelledError) }
                    if ContinuousClock.now >= deadline { return .failure(Self.timeoutError) }
                    // A connection or slot may have come free since the first look.
                    let step = nextStep(&state)
                    guard case .wait = step else { return .success(step) }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) } else { hooks.waiterQueued() }
            }
        } onCancel: {
            self.failWaiter(id, Self.cancelledError)
        }
    }

    static let timeoutError = PostgresError(.poolTimeout, reason: "no connection free within the acquire timeout")
    static let cancelledError = PostgresError(.cancelled, reason: "task cancelled while waiting for a connection")

    func failWaiter(_ id: UInt64, _ error: PostgresError) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: error)
    }

    /// Opens a connection for a reserved slot; on failure the slot passes on.
    func openConnection() async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration.conninfo, applicationName: configuration.applicationName)
        } catch {
            slotFreed()
            throw error
        }
    }

    /// The idle connection if it is fresh or still answers; otherwise closes it and frees its slot.
    func verified(_ idle: Idle) async -> PostgresConnection? {
        guard let interval = configuration.keepAliveInterval, ContinuousClock.now - idle.checkedAt >= interval else {
            return idle.connection
        }
        if await idle.connection.ping() { return idle.connection }
        await idle.connection.close()
        slotFreed()
        return nil
    }

    func release(_ connection: PostgresConnection) async {
        guard await connection.isHealthy else {
            await connection.close()
            slotFreed()
            return
        }
        let now = ContinuousClock.now
        await checkIn(Idle(connection: connection, usedAt: now, checkedAt: now))
    }

    /// A live connection comes back: to the first waiter, else to the idle list in order of use.
    func checkIn(_ idle: Idle) async {
        enum Next { case hand(Waiter), kept, close }
        let next = state.withLock { state -> Next in
            if state.closed {
                state.open -= 1
                return .close
            }
            if !state.waiters.isEmpty { return .hand(state.waiters.removeFirst()) }
            // Usually the newest (an append); a pinged one goes back where its last use puts it.
            let index = state.idle.lastIndex { $0.usedAt <= idle.usedAt }.map { $0 + 1 } ?? 0
            state.idle.insert(idle, at: index)
            return .kept
        }
        switch next {
        case .hand(let waiter): waiter.continuation.resume(returning: .handed(idle.connection))
        case .close: await idle.connection.close()
        case .kept: break
        }
    }

    /// A counted connection is gone (closed, or never opened): the first waiter gets its slot and
    /// opens a connection itself, so a failed connect never strands a waiter.
    func slotFreed() {
        let waiter = state.withLock { state -> Waiter? in
            if !state.closed, !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.open -= 1
            return nil
        }
        waiter?.continuation.resume(returning: .create)
    }
}
