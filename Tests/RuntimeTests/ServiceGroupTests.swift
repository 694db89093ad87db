import Glibc
import Runtime
import Testing

@Suite struct ServiceGroupTests {
    let logger = Logger(service: "test", level: .critical)

    @Test func shutsDownInReverseStartOrder() async throws {
        let log = EventLog()
        let services = ["db", "queue", "http"].map { PoliteService(name: $0, log: log, stopDelay: .milliseconds(10)) }
        let group = ServiceGroup(services: services, signals: [], logger: logger)
        let running = Task { try await group.run() }
        await log.waitFor(count: 3)
        group.triggerGracefulShutdown()
        try await running.value
        #expect(Array(log.events.dropFirst(3)) == [
            "stopping http", "stopped http", "stopping queue", "stopped queue", "stopping db", "stopped db",
        ])
    }

    @Test func shutsEveryoneDownWhenOneServiceFails() async throws {
        let log = EventLog()
        let group = ServiceGroup(services: [PoliteService(name: "a", log: log), FailingService(log: log)], signals: [], logger: logger)
        await #expect(throws: FailingService.Failure.self) { try await group.run() }
        #expect(log.events == ["start a", "stopping a", "stopped a"])
    }

    @Test func cancelsWhatOutlivesTheGracePeriod() async throws {
        let log = EventLog()
        let group = ServiceGroup(services: [StubbornService(log: log), PoliteService(name: "a", log: log)],
                                 gracePeriod: .milliseconds(100), signals: [], logger: logger)
        group.triggerGracefulShutdown()
        let start = ContinuousClock.now
        try await group.run()
        // The stubborn service loops until cancelled, so returning at all proves the cancellation;
        // the bound only catches a group that waits far past its 100 ms grace (generous for loaded CI).
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(log.events.contains("ignored shutdown"))
        #expect(log.events.contains("cancelled"))
        #expect(log.events.contains("stopped a"))
    }

    @Test func shutsDownOnASignal() async throws {
        let log = EventLog()
        let group = ServiceGroup(services: [PoliteService(name: "a", log: log)], signals: [SIGUSR2], logger: logger)
        let running = Task { try await group.run() }
        await log.waitFor(count: 1)
        // The dispatch source may not be armed the instant the service starts: repeat until the group reacts.
        while log.events.count < 2 {
            kill(getpid(), SIGUSR2)
            try await Task.sleep(for: .milliseconds(20))
        }
        try await running.value
        #expect(log.events == ["start a", "stopping a", "stopped a"])
    }

    @Test func tellsServicesThatShutdownHasBegun() async throws {
        let log = EventLog()
        struct Probe: Service {
            let log: EventLog

            func run() async throws {
                log.record("before: \(Task.isShuttingDownGracefully)")
                try await gracefulShutdown()
                log.record("after: \(Task.isShuttingDownGracefully)")
            }
        }
        let group = ServiceGroup(services: [Probe(log: log)], signals: [], logger: logger)
        let running = Task { try await group.run() }
        await log.waitFor(count: 1)
        group.triggerGracefulShutdown()
        try await running.value
        #expect(log.events == ["before: false", "after: true"])
        #expect(!Task.isShuttingDownGracefully)
    }
}
