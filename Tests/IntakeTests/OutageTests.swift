import Foundation
import HTTP
import IntakeApp
import Postgres
import Runtime
import Schema
import ServiceKit
import Testing
import TestSupport

@Suite("Database outages and request deadlines")
struct OutageTests {
    /// Asserts a database-unavailable answer: 503, `Retry-After`, the documented problem.
    static func expectUnavailable(_ response: ClientResponse, checker: OpenAPIChecker? = nil) {
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers["Retry-After"] == String(DatabaseUnavailable.retryAfterSeconds))
        #expect(response.headers["Content-Type"] == Problem.contentType)
        let problem = try? response.decode(Problem.self)
        #expect(problem?.type == DatabaseUnavailable.problemType)
        #expect(problem?.title == "Service temporarily unavailable")
        #expect(problem?.status == 503)
        #expect(checker?.problems(response, method: "POST", path: "/v1/referrals") ?? [] == [])
    }

    static func submit(_ harness: IntakeHarness, _ client: HTTPClient, reference: String) async throws -> ClientResponse {
        try await client.send(.post, "/v1/referrals", headers: harness.headers(),
                              body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: reference)))
    }

    @Test("while the database refuses connections intake answers 503 with Retry-After, /readyz is not ready, and both recover")
    func databaseRefusesConnections() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            let checker = try OpenAPIChecker(try await client.get("/openapi.json").body)
            #expect(try await Self.submit(harness, client, reference: "TEL-BEFORE").status == .created)
            // From the cluster's maintenance database: the test database itself is about to refuse everyone.
            let admin = try await PostgresConnection.connect(harness.database.cluster.conninfo(), applicationName: "occ-test-admin")
            let name = harness.database.name
            try await admin.execute("ALTER DATABASE \(name) ALLOW_CONNECTIONS false", name: "test_refuse")
            // Ends every session on it (intake's pooled ones included), each waited for until it has exited.
            try await admin.query(PostgresQuery("test_terminate", """
                SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
                """).binding(name))

            // The first finds its pooled session ended (57P01), the next cannot connect at all.
            for attempt in 1...3 {
                Self.expectUnavailable(try await Self.submit(harness, client, reference: "TEL-DURING-\(attempt)"), checker: checker)
            }
            let listing = try await client.get("/v1/referrals", headers: harness.headers())
            #expect(listing.status == .serviceUnavailable)
            #expect(checker.problems(listing, method: "GET", path: "/v1/referrals") == [])
            let readiness = try await client.get("/readyz")
            #expect(readiness.status == .serviceUnavailable)
            #expect(ReferralFixtures.json(readiness)["checks"] as? [String: String] == ["database": "unreachable", "migrations": "unknown"])
            #expect(try await client.get("/healthz").status == .ok)

            try await admin.execute("ALTER DATABASE \(name) ALLOW_CONNECTIONS true", name: "test_allow")
            await admin.close()
            #expect(try await Self.submit(harness, client, reference: "TEL-AFTER").status == .created)
            #expect(try await client.get("/readyz").status == .ok)
        }
    }

    @Test("when the database server is stopped intake answers 503 with Retry-After")
    func serverStopped() async throws {
        let cluster = try await PostgresLocalCluster.start(durable: false)
        var stopped = false
        defer { if !stopped { cluster.stop() } }
        let setup = try await PostgresConnection.connect(cluster.conninfo(), applicationName: "occ-test-admin")
        try await setup.execute("CREATE DATABASE occ", name: "test_create_database")
        await setup.close()
        let owner = try await PostgresConnection.connect(cluster.conninfo(database: "occ"), applicationName: "occ-test-admin")
        try await Migrator().migrate(owner)
        try await TestLogins.createExchangeLogins(on: owner)
        await owner.close()

        // Intake under its own least-privilege login, as deployed; setup as the superuser.
        let environment = ServiceEnvironment(
            databaseURL: cluster.conninfo(database: "occ", user: TestLogins.exchangeLogin(.intake)), poolSize: 4, http: HTTPServer.Configuration(host: "127.0.0.1", port: 0),
            logger: Logger(service: "intake-test", level: .critical))
        let application = try await buildIntakeApplication(environment: environment)
        let port = try application.bind()
        let running = Task { try await application.run() }
        let registry = PostgresPool(.init(conninfo: cluster.conninfo(database: "occ"), maxConnections: 2, applicationName: "occ-test-admin"))
        let partner = try await PartnerRegistry(pool: registry).add(name: "Example Telecom", sector: .telco)
        let key = try await APIKeyRegistry(pool: registry).issue(owner: .partner(id: partner.id), scopes: [.partnerSubmit])
        await registry.close()
        let client = HTTPClient(port: port, timeout: .seconds(60))
        let headers: HTTPHeaders = ["Authorization": "Bearer \(key.token)", "Content-Type": "application/json"]
        let body = { (reference: String) in ReferralFixtures.bytes(ReferralFixtures.valid(reference: reference)) }
        #expect(try await client.send(.post, "/v1/referrals", headers: headers, body: body("TEL-UP")).status == .created)

        try await BlockingThread.run { cluster.stop() }
        stopped = true
        // The first finds its pooled session dead, the next finds no server to connect to.
        for attempt in 1...3 {
            Self.expectUnavailable(try await client.send(.post, "/v1/referrals", headers: headers, body: body("TEL-DOWN-\(attempt)")))
        }
        #expect(try await client.get("/readyz").status == .serviceUnavailable)
        application.shutdown()
        try await running.value
    }

    @Test("a handler over the request deadline answers 503 and its running query is cancelled on the server")
    func deadlineCancelsTheQuery() async throws {
        let database = try await TestDatabase.create()
        let admin = try await database.connect()
        let login = try await SessionTimeoutTests.login(in: "occ_intake", on: admin)
        var http = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        // Long enough for the query to reach the server on a loaded machine (4 s was not, twice, with
        // every suite running on 2 cores), short beside pg_sleep(60).
        http.requestTimeout = TestTime.scaled(.seconds(12))
        // A statement limit far beyond the deadline: only the deadline can stop the query.
        let environment = SessionTimeoutTests.environment(database, user: login, SessionTimeouts(statement: .seconds(120)))
        let pool = environment.makePool()
        // The pool's first connection (SCRAM, session settings) is made before the clock starts,
        // so the deadline falls on a running statement, not on a connect (CI saw the latter under load).
        _ = try await pool.query(PostgresQuery("test_warm", "SELECT 1"))
        let router = environment.makeRouter(metrics: MetricsRegistry(), pool: pool)
        let (outcomes, report) = AsyncStream.makeStream(of: (any Error)?.self)
        router.get("/slow") { _ in
            do {
                try await pool.query(PostgresQuery("test_slow", "SELECT pg_sleep(60)"))
                report.yield(nil)
            } catch {
                report.yield(error)
                throw error
            }
            return .text("finished")
        }
        let server = HTTPServer(router: router, configuration: http, logger: environment.logger)
        let port = try server.bind()
        let running = Task { try await server.run() }

        let response = try await HTTPClient(port: port, timeout: .seconds(60)).get("/slow")
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers["Retry-After"] != nil)
        #expect(response.headers["Content-Type"] == Problem.contentType)
        var iterator = outcomes.makeAsyncIterator()
        let outcome = await iterator.next() ?? nil
        // 57014 from the server: the statement was running there and the server cancelled it.
        #expect((outcome as? PostgresError)?.sqlState == .queryCanceled, "\(String(describing: outcome))")
        // The server reports a session idle before it answers, so by now nothing may still be running.
        let stillRunning = try await admin.query(PostgresQuery("test_still_running", """
            SELECT count(*) AS n FROM pg_stat_activity
             WHERE usename = $1 AND state = 'active' AND query LIKE '%pg_sleep(60)%'
            """).binding(login)).single?.decode(Int.self, "n")
        #expect(stillRunning == 0)

        server.shutdown()
        try await running.value
        await pool.close()
        await admin.close()
    }
}
