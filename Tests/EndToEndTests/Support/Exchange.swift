import Domain
import Foundation
import HTTP
import Postgres
import Schema
import ServiceKit
import TestSupport

/// The four executables on one throwaway database, with the registries to seed it and the
/// calls a partner, an agency officer and an oversight board make.
final class Exchange {
    let database: TestDatabase
    let pool: PostgresPool
    var services: [String: ServiceProcess] = [:]
    /// Short leases so a killed worker's jobs come back within seconds.
    static let workerEnvironment = ["JOB_LEASE_DURATION": "2s", "JOB_RESCUE_INTERVAL": "500ms"]

    private let enrichmentConcurrency: Int
    private let environment: [String: String]
    private let logDirectory: String?

    /// Starts `services` (all four unless told otherwise; others can be started later) with
    /// `environment` added to every one; each logs to `logDirectory/NAME.log` when given.
    init(
        enrichmentConcurrency: Int = 8, services names: [String] = ["intake", "enrichment", "tasking", "feedback"],
        environment: [String: String] = [:], logDirectory: String? = nil
    ) async throws {
        self.enrichmentConcurrency = enrichmentConcurrency
        self.environment = environment
        self.logDirectory = logDirectory
        database = try await TestDatabase.create()
        pool = database.pool()
        for name in names { try await start(name) }
    }

    func start(_ name: String) async throws {
        var environment = Self.workerEnvironment
        environment["ENRICHMENT_CONCURRENCY"] = String(enrichmentConcurrency)
        environment["DATABASE_POOL_SIZE"] = "4"
        environment.merge(self.environment) { _, given in given }
        // Each service with the least-privilege login a deployment gives it.
        guard let login = ServiceLogin(rawValue: name) else { throw ServiceProcess.Failure.notReady(name) }
        services[name] = try await ServiceProcess(
            name, conninfo: database.conninfo(as: login), environment: environment, logPath: logDirectory.map { "\($0)/\(name).log" })
    }

    /// Sessions holding a LISTEN for queue wake-ups (the workers' listener connections) on this database.
    func listenerSessions() async throws -> Int {
        try await count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'occ-listener'")
    }

    /// Stops every service gracefully; returns their exit statuses by name.
    func stop() async -> [String: Int32] {
        var statuses: [String: Int32] = [:]
        for (name, service) in services { statuses[name] = await service.stop() }
        await pool.close()
        return statuses
    }

    func partner(_ name: String, _ sector: Sector) async throws -> (id: Int64, token: String) {
        let record = try await PartnerRegistry(pool: pool).add(name: name, sector: sector)
        let key = try await APIKeyRegistry(pool: pool).issue(owner: .partner(id: record.id), scopes: [.partnerSubmit, .partnerFeedback])
        return (record.id, key.token)
    }

    func token(_ owner: Principal.Owner, _ scope: Scope) async throws -> String {
        try await APIKeyRegistry(pool: pool).issue(owner: owner, scopes: [scope]).token
    }

    /// A new officer of `agency` and their key: agency work is done by named officers.
    func officer(_ agency: String, name: String, staffID: String) async throws -> (id: Int64, token: String) {
        let officer = try await OfficerRegistry(pool: pool).add(agency: agency, name: name, staffID: staffID)
        return (officer.id, try await APIKeyRegistry(pool: pool).issue(officer: officer.id).key.token)
    }

    /// Calls `service` with a bearer token (and an officer's `X-Purpose` when given); returns the
    /// status code and the parsed JSON body.
    func call(
        _ service: String, _ method: HTTPMethod, _ target: String, token: String, body: String? = nil,
        contentType: String = "application/json", purpose: String? = nil
    ) async throws -> (Int, JSONValue) {
        // Generous: a 1,000-line bulk upload takes seconds, and more on a loaded two-core machine.
        guard let client = services[service]?.client(timeout: .seconds(120)) else { throw ServiceProcess.Failure.notReady(service) }
        defer { Task { await client.close() } }
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": contentType]
        if let purpose { headers["X-Purpose"] = purpose }
        let response = try await client.send(method, target, headers: headers, body: Array((body ?? "").utf8))
        return (response.status.code, response.body.isEmpty ? .null : try JSONValue(parsing: Data(response.body)))
    }

    /// An integer from a one-row, one-column query.
    func count(_ sql: String, _ binds: any PostgresEncodable...) async throws -> Int {
        try await pool.query(PostgresQuery("e2e_count", sql, binds)).single?.decode(Int.self, at: 0) ?? 0
    }

    /// A text value from a one-row, one-column query, if there is a row.
    func text(_ sql: String, _ binds: any PostgresEncodable...) async throws -> String? {
        try await pool.query(PostgresQuery("e2e_text", sql, binds)).single?.decode(String.self, at: 0)
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    func eventually(
        timeout: Duration = .seconds(60), poll: Duration = .milliseconds(100), _ condition: () async throws -> Bool
    ) async throws -> Bool {
        try await TestSupport.eventually(within: timeout, poll: poll, condition)
    }

    static func referral(_ reference: String, crimeType: String, indicators: String) -> String {
        """
        {"partner_reference": "\(reference)", "crime_type": "\(crimeType)", "summary": "Referral \(reference) for the end-to-end test",
         "indicators": [\(indicators)], "gateway": "dpa_2018_sch2_para2",
         "markings": {"tlp": "AMBER", "source_evaluation": 2, "intelligence_assessment": "B", "handling_code": "P"}}
        """
    }
}
