import Domain
import Foundation
import HTTP
import IntakeApp
import Postgres
import Runtime
import ServiceKit
import TestSupport

/// A running intake service on a fresh database, reached over TCP on 127.0.0.1, with one partner
/// and its `partner:submit` key ready. The service connects with the exchange's intake login.
struct IntakeHarness: Sendable {
    let database: TestDatabase
    let application: IntakeApplication
    let port: Int
    let partner: PartnerRecord
    let key: APIKey
    /// A pool for inspecting the database directly (as the test superuser).
    let inspector: PostgresPool

    /// Starts a service, runs `body`, then shuts the service down gracefully.
    static func with(
        server: TestDatabase.Server = .shared, http: (inout HTTPServer.Configuration) -> Void = { _ in },
        limits: IntakeLimits = IntakeLimits(), rateLimit: PartnerRateLimit = PartnerRateLimit(),
        _ body: (IntakeHarness) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create(server: server)
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        // Instrumented builds run several times slower (OCC_TEST_TIME_SCALE): under AddressSanitizer,
        // with every suite running, one burst of 24 referrals outlived a limit and all 24 got 503.
        configuration.requestTimeout = TestTime.scaled(configuration.requestTimeout)
        http(&configuration)
        let timeouts = SessionTimeouts()
        let environment = ServiceEnvironment(
            databaseURL: database.conninfo(as: .intake), poolSize: 8,
            sessionTimeouts: SessionTimeouts(statement: TestTime.scaled(timeouts.statement), idleInTransaction: TestTime.scaled(timeouts.idleInTransaction),
                                             lock: TestTime.scaled(timeouts.lock)),
            http: configuration, logger: Logger(service: "intake-test", level: .critical))
        let application = try await buildIntakeApplication(environment: environment, limits: limits, rateLimit: rateLimit)
        let port = try application.bind()
        let running = Task { try await application.run() }
        let inspector = database.pool()
        do {
            let partner = try await PartnerRegistry(pool: inspector).add(name: "Example Telecom", sector: .telco)
            let key = try await APIKeyRegistry(pool: inspector).issue(owner: .partner(id: partner.id), scopes: [.partnerSubmit])
            let harness = IntakeHarness(
                database: database, application: application, port: port, partner: partner, key: key, inspector: inspector)
            try await body(harness)
        } catch {
            application.shutdown()
            _ = try? await running.value
            await inspector.close()
            throw error
        }
        application.shutdown()
        try await running.value
        await inspector.close()
    }

    /// A new keep-alive client.
    func client() -> HTTPClient {
        HTTPClient(port: port, timeout: .seconds(60))
    }

    /// `Authorization` (and content type) for `key`, by default the harness partner's.
    func headers(_ key: APIKey? = nil, contentType: String = "application/json") -> HTTPHeaders {
        ["Authorization": "Bearer \((key ?? self.key).token)", "Content-Type": contentType]
    }

    /// Another partner with its own `partner:submit` key.
    func otherPartner(name: String = "Example Bank", sector: Sector = .finance) async throws -> (PartnerRecord, APIKey) {
        let partner = try await PartnerRegistry(pool: inspector).add(name: name, sector: sector)
        let key = try await APIKeyRegistry(pool: inspector).issue(owner: .partner(id: partner.id), scopes: [.partnerSubmit])
        return (partner, key)
    }

    /// Row counts of everything a submission writes, to prove that a refusal wrote nothing.
    func counts() async throws -> StoredCounts {
        let row = try await inspector.query(PostgresQuery("test_counts", """
            SELECT (SELECT count(*) FROM referrals) AS referrals,
                   (SELECT count(*) FROM referral_indicators) AS indicators,
                   (SELECT count(*) FROM audit_log WHERE action = 'referral.received') AS audits,
                   (SELECT count(*) FROM occ_jobs WHERE kind = 'enrich_referral') AS jobs
            """)).single
        guard let row else { throw HarnessError.noRow }
        return StoredCounts(
            referrals: try row.decode(Int.self, "referrals"), indicators: try row.decode(Int.self, "indicators"),
            audits: try row.decode(Int.self, "audits"), jobs: try row.decode(Int.self, "jobs"))
    }

    enum HarnessError: Error { case noRow }
}

/// What is stored, table by table.
struct StoredCounts: Equatable {
    let referrals: Int
    let indicators: Int
    let audits: Int
    let jobs: Int
}
