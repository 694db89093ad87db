import Domain
import EnrichmentApp
import FeedbackApp
import Foundation
import HTTP
import Postgres
import Runtime
import Schema
import ServiceKit
import Synchronization
import TaskingApp
import TestSupport

/// A fresh database with the three pipeline services built as their executables build them, their
/// workers running in-process, and registries for partners, agencies and keys.
final class PipelineHarness: Sendable {
    let database: TestDatabase
    let pool: PostgresPool
    /// Intake's login, for storing referrals as intake does.
    let intake: PostgresPool
    let enrichment: EnrichmentService
    let tasking: TaskingService
    let feedback: FeedbackService
    private let workers: [Task<Void, any Error>]
    /// Distinct staff ids for the officers tests register.
    private let officerNumbers = Atomic<Int>(0)

    /// Each service connects with its exchange login (`TestDatabase.conninfo(as:)`), as deployed,
    /// so the tests exercise the grants and row-level security, not a superuser's view; `pool` is
    /// the superuser's, for setup and inspection only.
    private init(database: TestDatabase, webhooks: WebhookSettings, feedbackWorker: Bool, transactionRecipients: Int) throws {
        self.database = database
        pool = database.pool()
        intake = PostgresPool(.init(conninfo: database.conninfo(as: .intake), maxConnections: 2, applicationName: "occ-test-intake"))
        let environment = { (service: String, login: ServiceLogin) in
            ServiceEnvironment(
                databaseURL: database.conninfo(as: login), poolSize: 4,
                http: HTTPServer.Configuration(host: "127.0.0.1", port: 0), logger: Logger(service: service, level: .warning))
        }
        enrichment = try EnrichmentService(environment: environment("enrichment", .enrichment), settings: EnrichmentSettings(concurrency: 4))
        tasking = TaskingService(environment: environment("tasking", .tasking), settings: TaskingSettings(concurrency: 4))
        feedback = FeedbackService(environment: environment("feedback", .feedback), settings: FeedbackSettings(
            concurrency: 4, transactionRecipients: transactionRecipients, webhooks: webhooks))
        workers = ([enrichment.worker, tasking.worker] + (feedbackWorker ? [feedback.worker] : [])).compactMap { $0 }
            .map { worker in Task { try await worker.run() } }
    }

    /// Without `feedbackWorker` the feedback worker is built but not run: a test runs it itself,
    /// once the deliveries it wants handled together are queued. `transactionRecipients` is
    /// `FEEDBACK_TRANSACTION_RECIPIENTS`.
    static func start(
        server: TestDatabase.Server = .shared, webhooks: WebhookSettings = WebhookSettings(), feedbackWorker: Bool = true,
        transactionRecipients: Int = 2_000
    ) async throws -> PipelineHarness {
        try PipelineHarness(
            database: try await TestDatabase.create(server: server), webhooks: webhooks, feedbackWorker: feedbackWorker,
            transactionRecipients: transactionRecipients)
    }

    /// Shuts the workers down gracefully and closes the pools.
    func stop() async throws {
        [enrichment.worker, tasking.worker, feedback.worker].compactMap { $0 }.forEach { $0.shutdown() }
        for worker in workers { try await worker.value }
        for pool in [pool, intake, enrichment.pool, tasking.pool, feedback.pool] { await pool.close() }
    }

    /// Registers a partner and returns its id and a feedback-scoped key.
    func partner(_ name: String, _ sector: Sector) async throws -> TestPartner {
        let record = try await PartnerRegistry(pool: pool).add(name: name, sector: sector)
        let key = try await APIKeyRegistry(pool: pool).issue(owner: .partner(id: record.id), scopes: [.partnerSubmit, .partnerFeedback])
        return TestPartner(id: record.id, token: key.token)
    }

    /// A key of a new officer of one of the seeded agencies: agency work is done by officers.
    func agencyToken(_ code: String) async throws -> String {
        try await officer(code).token
    }

    /// A new officer of `agency` with their own key.
    func officer(_ agency: String, name: String = "Test Officer") async throws -> TestOfficer {
        let staffID = "T\(officerNumbers.add(1, ordering: .relaxed).newValue)"
        let officer = try await OfficerRegistry(pool: pool).add(agency: agency, name: name, staffID: staffID)
        let key = try await APIKeyRegistry(pool: pool).issue(officer: officer.id).key
        return TestOfficer(id: officer.id, agency: agency, token: key.token)
    }

    /// An oversight key belonging to no partner or agency.
    func oversightToken() async throws -> String {
        try await APIKeyRegistry(pool: pool).issue(owner: .exchange, scopes: [.oversight]).token
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
        try await TestSupport.eventually(within: timeout, poll: .milliseconds(50), condition)
    }

    /// An integer from a one-row, one-column query (`count(*)` and friends).
    func count(_ sql: String, _ binds: any PostgresEncodable...) async throws -> Int {
        let rows = try await pool.query(PostgresQuery("test_count", sql, binds))
        return try rows.single?.decode(Int.self, at: 0) ?? 0
    }
}

/// A registered partner as tests use it.
struct TestPartner: Sendable {
    let id: Int64
    let token: String
}

/// A registered officer and their key.
struct TestOfficer: Sendable {
    let id: Int64
    let agency: String
    let token: String
}

extension PipelineHarness {
    /// Runs `body` against a started harness and always stops it.
    static func with(
        server: TestDatabase.Server = .shared, webhooks: WebhookSettings = WebhookSettings(), feedbackWorker: Bool = true,
        transactionRecipients: Int = 2_000, _ body: (PipelineHarness) async throws -> Void
    ) async throws {
        let harness = try await start(
            server: server, webhooks: webhooks, feedbackWorker: feedbackWorker, transactionRecipients: transactionRecipients)
        do {
            try await body(harness)
        } catch {
            try? await harness.stop()
            throw error
        }
        try await harness.stop()
    }

    /// A text from a one-row, one-column query; nil for no row or NULL.
    func text(_ sql: String, _ binds: any PostgresEncodable...) async throws -> String? {
        let rows = try await pool.query(PostgresQuery("test_text", sql, binds))
        return try rows.single?.decode(String?.self, at: 0)
    }
}
