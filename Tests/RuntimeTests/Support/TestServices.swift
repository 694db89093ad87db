import Runtime
import Synchronization

/// Records lifecycle events from several services, in order.
final class EventLog: Sendable {
    private let storage = Mutex<[String]>([])

    func record(_ event: String) {
        storage.withLock { $0.append(event) }
    }

    var events: [String] { storage.withLock { $0 } }
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
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(10))
            }
        } onGracefulShutdown: {
            log.record("ignored shutdown")
        }
        log.record("cancelled")
    }
}

/// Fails after a short while.
struct FailingService: Service {
    struct Failure: Error {}

    func run() async throws {
        try await Task.sleep(for: .milliseconds(20))
        throw Failure()
    }
}
