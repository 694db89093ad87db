/// The two phases of a group's life: waiting for a reason to stop, then stopping in reverse order.
extension ServiceGroup {
    struct Outcome {
        var running: Set<Int> = []
        var firstError: (any Error)?
        var cancelled = false
    }

    func addListeners(to group: inout TaskGroup<Event>) {
        let signals = self.signals
        if !signals.isEmpty {
            group.addTask {
                guard let number = await Signals.first(of: signals) else { return .listenerEnded }
                return .signal(number)
            }
        }
        let stream = trigger.stream
        group.addTask {
            for await _ in stream {
                return .triggered
            }
            return .listenerEnded
        }
    }

    func waitForShutdownReason(in group: inout TaskGroup<Event>, outcome: inout Outcome) async {
        while let event = await group.next() {
            switch event {
            case .finished(let index, let error):
                record(index: index, error: error, outcome: &outcome)
                if error == nil { logger.notice("service ended on its own; shutting down", ["service": names[index]]) }
                return
            case .signal(let number):
                logger.notice("received \(Signals.name(number)); shutting down gracefully")
                return
            case .triggered:
                logger.notice("graceful shutdown requested")
                return
            case .gracePeriodElapsed, .listenerEnded:
                continue
            }
        }
    }

    func shutDown(group: inout TaskGroup<Event>, shutdowns: [GracefulShutdown], outcome: inout Outcome) async {
        let gracePeriod = self.gracePeriod
        group.addTask {
            // Cancelled (so ending early) once every service is down.
            try? await Task.sleep(for: gracePeriod)
            return Task.isCancelled ? .listenerEnded : .gracePeriodElapsed
        }
        for index in services.indices.reversed() where outcome.running.contains(index) && !outcome.cancelled {
            logger.debug("shutting down service", ["service": names[index]])
            shutdowns[index].trigger()
            while outcome.running.contains(index), !outcome.cancelled, let event = await group.next() {
                handle(event, group: &group, outcome: &outcome)
            }
        }
        group.cancelAll()
        while let event = await group.next() {
            handle(event, group: &group, outcome: &outcome)
        }
    }

    private func handle(_ event: Event, group: inout TaskGroup<Event>, outcome: inout Outcome) {
        switch event {
        case .finished(let index, let error):
            record(index: index, error: error, outcome: &outcome)
        case .gracePeriodElapsed:
            logger.warning("grace period elapsed; cancelling remaining services",
                           ["services": outcome.running.sorted().map { names[$0] }.joined(separator: ",")])
            outcome.cancelled = true
            group.cancelAll()
        case .signal, .triggered, .listenerEnded:
            break
        }
    }

    private func record(index: Int, error: (any Error)?, outcome: inout Outcome) {
        outcome.running.remove(index)
        guard let error else { return }
        // Cancellation after the grace period, or of the whole group, is how services are meant to end then.
        if error is CancellationError, outcome.cancelled || Task.isCancelled { return }
        logger.error("service failed", ["service": names[index], "error": String(describing: error)])
        if outcome.firstError == nil { outcome.firstError = error }
    }
}
