import Queue
import Runtime
import ServiceKit
import Testing

/// The queue wake-up settings every worker service reads (`QUEUE_LISTEN`, `QUEUE_POLL_INTERVAL`).
@Suite("ServiceEnvironment: queue wake-ups")
struct ServiceEnvironmentTests {
    static func environment(_ extra: [String: String]) throws -> ServiceEnvironment {
        try ServiceEnvironment(
            service: "tasking", config: Config(["DATABASE_URL": "host=/nowhere dbname=occ"].merging(extra) { _, new in new }),
            defaultPort: 8083)
    }

    @Test("by default workers LISTEN and poll every second")
    func defaults() throws {
        let configuration = try Self.environment([:]).workerConfiguration(JobWorker.Configuration(queues: ["tasking": 4]))
        #expect(configuration.listen)
        #expect(configuration.pollInterval == .seconds(1))
        #expect(configuration.queues == ["tasking": 4])
    }

    @Test("QUEUE_LISTEN=false and QUEUE_POLL_INTERVAL reach the worker configuration, other settings kept")
    func pollOnly() throws {
        var base = JobWorker.Configuration(queues: ["enrichment": 8])
        base.leaseDuration = .seconds(2)
        let configuration = try Self.environment(["QUEUE_LISTEN": "false", "QUEUE_POLL_INTERVAL": "250ms"])
            .workerConfiguration(base)
        #expect(!configuration.listen)
        #expect(configuration.pollInterval == .milliseconds(250))
        #expect(configuration.leaseDuration == .seconds(2))
        #expect(configuration.queues == ["enrichment": 8])
    }

    @Test("unusable values are refused by name", arguments: [
        ("QUEUE_LISTEN", "maybe"), ("QUEUE_POLL_INTERVAL", "0"), ("QUEUE_POLL_INTERVAL", "5ms"),
        ("QUEUE_POLL_INTERVAL", "2h"), ("QUEUE_POLL_INTERVAL", "soon"),
    ])
    func refusesBadValues(_ key: String, _ value: String) {
        #expect {
            try Self.environment([key: value])
        } throws: { error in
            guard case .invalid(let named, _, let given) = error as? ConfigError else { return false }
            return named == key && given == value
        }
    }
}
