import Foundation
import Postgres
import Schema
import Synchronization

/// The suite's fixtures — database, logins, supervised services, partners and officers — and the
/// faults run one after another on them.
final class FaultSuite: Sendable {
    let settings: FaultSettings
    let cluster: PostgresLocalCluster
    let logDirectory: String
    private let supervisor = Mutex<ServiceSupervisor?>(nil)
    private let tornDown = Atomic<Bool>(false)

    init(settings: FaultSettings, cluster: PostgresLocalCluster, logDirectory: String) {
        self.settings = settings
        self.cluster = cluster
        self.logDirectory = logDirectory
    }

    func run() async throws -> [FaultResult] {
        let database = FaultDatabase(conninfo: cluster.conninfo())
        try await database.withConnection { connection in
            try await Migrator().migrate(connection, progress: progressLine)
            try await ServiceLogins.create(services: FaultSettings.services, on: connection)
            try await ServiceLogins.verify(services: FaultSettings.services, on: connection)
        }
        var conninfos: [String: String] = [:]
        for name in FaultSettings.services { conninfos[name] = cluster.conninfo(user: ServiceLogins.login(name)) }
        let services = try ServiceSupervisor(basePort: settings.basePort, conninfos: conninfos, logDirectory: logDirectory)
        supervisor.withLock { $0 = services }
        progressLine("starting intake, enrichment, tasking and feedback on ports \(services.ports.values.sorted().map(String.init).joined(separator: ", "))")
        try await services.start()
        let participants = try await FaultParticipants.register(conninfo: cluster.conninfo())
        let runner = FaultRunner(
            settings: settings, injector: FaultInjector(settings: settings, cluster: cluster, supervisor: services, database: database),
            participants: participants, supervisor: services, database: database, sequence: ReferralSequence())
        emit("occ faults — \(settings.rate) referrals/s from \(participants.partners.count) partners in 4 sectors, "
            + "\(settings.outcomeRate) outcomes/s from officers of \(participants.officers.count) agencies; "
            + "services as least-privilege logins \(FaultSettings.services.map(ServiceLogins.login).joined(separator: ", "))")
        var results: [FaultResult] = []
        for (index, fault) in settings.faults.enumerated() {
            emit("\n[\(index + 1)/\(settings.faults.count)] \(fault.rawValue): \(fault.title(settings))")
            let result = try await runner.run(fault, carriedOver: results.last?.leftover ?? [])
            result.report(settings).forEach(emit)
            results.append(result)
        }
        return results
    }

    /// Stops the services, keeps PostgreSQL's log beside theirs, and removes the throwaway server. Runs once.
    func tearDown() {
        guard !tornDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        supervisor.withLock { $0 }?.stop()
        try? FileManager.default.copyItem(atPath: "\(cluster.directory)/server.log", toPath: "\(logDirectory)/postgres.log")
        cluster.stop()
    }
}
