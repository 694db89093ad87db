import Runtime
import Synchronization

/// Records lifecycle events from several services, in order, and lets tests wait for them.
final class EventLog: Sendable {
    private struct State {
        var events: [String] = []
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let storage = Mutex(State())

    func record(_ event: String) {
        let ready = storage.withLock { state in
            state.events.append(event)
            let count = state.events.count
            defer { state.waiters.removeAll { $0.count <= count } }
            return state.waiters.filter { $0.count <= count }.map(\.continuation)
        }
        ready.forEach { $0.resume() }
    }

    var events: [String] { storage.withLock { $0.events } }

    /// Returns once at least `count` events have been recorded.
    func waitFor(count: Int) async {
        await withCheckedContinuation { continuation in
            let now = storage.withLock { state in
                if state.events.count >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }
}

/// Runs until asked to shut down gracefully, taking `stopDelay` to stop.
struct PoliteService: Service {
    let name: String
    let log: EventLog
    var stopDelay: Duration = .zero

    func run() async throws {
        log.record("start \(name)")
        try await gracefulShutdown()
        log.record("stopping \(name)")
        try await Task.sleep(for: stopDelay)
        log.record("stopped \(name)")
    }
}

/// Ignores graceful shutdown; only cancellation ends it.
struct StubbornService: Service {
    let log: EventLog

    func run() async throws {
        await withGracefulShutdownHandler {
            // Far longer than any test: only the cancellation ends it.
            try? await Task.sleep(for: .seconds(3600))
        } onGracefulShutdown: {
            log.record("ignored shutdown")
        }
        log.record("cancelled")
    }
}

/// Fails once `log` holds an event, so the other services have started first.
struct FailingService: Service {
    struct Failure: Error {}
    let log: EventLog

    func run() async throws {
        await log.waitFor(count: 1)
        throw Failure()
    }
}
