import Glibc

/// Runs services concurrently and shuts them down together, in the style of swift-service-lifecycle.
///
/// A graceful shutdown starts on any of `signals`, on `triggerGracefulShutdown()`, or when a service returns
/// or throws on its own. Services are then asked to stop one at a time in **reverse** start order (each is
/// awaited before the next is asked); whatever still runs when `gracePeriod` has elapsed is cancelled.
/// `run()` rethrows the first error a service threw, once every service has ended.
public final class ServiceGroup: Sendable {
    enum Event: Sendable {
        case finished(index: Int, error: (any Error)?)
        case signal(Int32)
        case triggered
        case gracePeriodElapsed
        case listenerEnded
    }

    let services: [any Service]
    let names: [String]
    let gracePeriod: Duration
    let signals: [Int32]
    let logger: Logger
    let trigger = AsyncStream.makeStream(of: Void.self)

    /// A group of `services`, started in order; `signals` may be empty to disable signal handling.
    public init(
        services: [any Service],
        gracePeriod: Duration = .seconds(30),
        signals: [Int32] = [SIGTERM, SIGINT],
        logger: Logger
    ) {
        self.services = services
        self.names = services.map { String(describing: type(of: $0)) }
        self.gracePeriod = gracePeriod
        self.signals = signals
        self.logger = logger
    }

    /// Begins a graceful shutdown, as a signal would; safe to call from anywhere, any number of times.
    public func triggerGracefulShutdown() {
        trigger.continuation.yield()
    }

    /// Runs every service until all have ended.
    public func run() async throws {
        let shutdowns = services.map { _ in GracefulShutdown() }
        var outcome = Outcome()
        await withTaskGroup(of: Event.self) { group in
            for (index, service) in services.enumerated() {
                group.addTask {
                    do {
                        try await GracefulShutdown.$current.withValue(shutdowns[index]) { try await service.run() }
                        return .finished(index: index, error: nil)
                    } catch {
                        return .finished(index: index, error: error)
                    }
                }
            }
            addListeners(to: &group)
            outcome.running = Set(services.indices)
            await waitForShutdownReason(in: &group, outcome: &outcome)
            await shutDown(group: &group, shutdowns: shutdowns, outcome: &outcome)
        }
        if let error = outcome.firstError { throw error }
    }
}
