import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// `occ retention work`: the review-and-disposal worker.
enum RetentionWorkCommand: Command {
    static let path = ["retention", "work"]
    static let summary = "run the periodic review-and-disposal worker until SIGTERM"
    static let help = """
        usage: occ retention work [--interval-s N] [--batch N]

        Works the 'retention' queue from DATABASE_URL (a login of the occ_retention role) until
        SIGTERM/SIGINT. Every --interval-s seconds (default 3600) whichever worker process claims
        the run enqueues a 'review_retention' job; the job disposes of one batch of --batch
        (default 100) due referrals in its own transaction and, when the batch was full, enqueues
        the next in that transaction, so a backlog drains and a killed worker's batch is taken
        again whole. One job leads at a time (a transaction advisory lock). The process also
        chains the audit events it appends.
        """
    static let valuedOptions: Set<String> = ["interval-s", "batch"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let interval = try arguments.int("interval-s", default: 3600)
        let batch = try arguments.int("batch", default: 100)
        guard (1...86_400 * 7).contains(interval) else { throw UsageError("--interval-s must be from 1 to 604800") }
        guard (1...10_000).contains(batch) else { throw UsageError("--batch must be from 1 to 10000") }
        let database = try Database.resolve(localFallback: false)
        let logger = Logger(service: "retention")
        let pool = PostgresPool(.init(conninfo: database.conninfo, maxConnections: 2, applicationName: "occ-retention"))
        var configuration = JobWorker.Configuration(queues: [ReviewRetention.queue: 1])
        configuration.periodic = [ReviewRetention.periodic(every: .seconds(interval), batchSize: batch)]
        configuration.jobTimeout = .seconds(300)
        var registry = JobWorkerRegistry()
        ReviewRetention.register(in: &registry, pool: pool, done: { done in
            for disposal in done { logger.notice("retention: \(disposal.action.rawValue)", ["referral": disposal.referralID.uuidString.lowercased(), "rule": disposal.rule]) }
        })
        let worker = JobWorker(pool: pool, conninfo: database.conninfo, registry: registry, configuration: configuration, logger: logger)
        let chainer = AuditChainer(conninfo: database.conninfo, applicationName: "occ-retention-audit-chainer", logger: logger)
        try await ServiceGroup(services: [worker, chainer], logger: logger).run()
        await pool.close()
    }
}
