import Foundation
import Postgres
import ServiceKit

/// One fault from start to verdict: load, the fault, recovery, the load stopped, the pipeline
/// left to drain by itself, then everything counted from the database.
struct FaultRunner: Sendable {
    let settings: FaultSettings
    let injector: FaultInjector
    let participants: FaultParticipants
    let supervisor: ServiceSupervisor
    let database: FaultDatabase
    let sequence: ReferralSequence

    /// `carriedOver`: pipeline jobs earlier faults left behind, so this fault neither waits for nor counts them.
    func run(_ fault: Fault, carriedOver: [Int64]) async throws -> FaultResult {
        var result = FaultResult(fault: fault, title: fault.title(settings))
        result.carriedOver = carriedOver
        let since = Date()
        let (load, task) = FaultLoad.start(
            settings, participants: participants, ports: supervisor.ports, database: database, sequence: sequence)
        let event: FaultInjector.Event
        do {
            try await Task.sleep(for: .seconds(settings.settleSeconds))
            progressLine("\(fault.rawValue): injecting (\(load.snapshot.accepted.count) referrals accepted so far)")
            event = try await injector.inject(fault)
            progressLine("\(fault.rawValue): recovered; waiting for the first accepted referral")
            result.firstAcknowledgement = await firstAcknowledgement(load, after: event.recoveredAt)
            try await Task.sleep(for: .seconds(settings.afterSeconds))
        } catch {
            _ = await load.stop(task)
            throw error
        }
        result.event = event
        result.tally = await load.stop(task)
        let until = Date()
        progressLine("\(fault.rawValue): load stopped (\(result.tally.accepted.count) accepted); waiting up to \(settings.drainSeconds) s for the pipeline to drain")
        result.drainSeconds = await drain(ignoring: carriedOver)
        let accounting = FaultAccounting(
            since: since, until: until, recoveredAt: event.recoveredAt,
            accepted: Array(Set(result.tally.accepted.compactMap(UUID.init(uuidString:)))),
            outcomes: result.tally.outcomes, carriedOver: carriedOver)
        let counts = try await database.withConnection { try await accounting.count(on: $0) }
        result.referrals = counts.referrals
        result.outcomes = counts.outcomes
        result.jobsLeft = counts.jobsLeft
        result.jobSamples = counts.jobSamples
        result.outcomeSamples = counts.outcomeSamples
        result.leftover = counts.leftover
        result.audit = counts.audit
        result.auditPending = counts.auditPending
        // After the hold, the first third of the load is the catch-up (vacuum, backlog): recovery is what follows.
        if fault == .hold {
            result.throughput = (
                before: try await throughput(from: since.addingTimeInterval(2), to: event.injectedAt),
                during: try await throughput(from: event.injectedAt, to: event.recoveredAt),
                after: try await throughput(from: event.recoveredAt.addingTimeInterval(Double(settings.afterSeconds) / 3), to: until))
        }
        result.unexpectedExits = supervisor.takeUnexpectedExits()
        return result
    }

    /// Seconds from `instant` to the first acknowledged referral after it, polling the load's tally.
    private func firstAcknowledgement(_ load: FaultLoad, after instant: Date) async -> Double? {
        let deadline = instant.addingTimeInterval(TimeInterval(settings.recoverySeconds))
        while Date() < deadline {
            if let first = load.snapshot.firstAcknowledgement(after: instant) { return first.timeIntervalSince(instant) }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return load.snapshot.firstAcknowledgement(after: instant).map { $0.timeIntervalSince(instant) }
    }

    /// Polls until no job of the pipeline's queues is left in `occ_jobs` and every audit row is
    /// chained. Every stage enqueues the next job in the transaction that completes its own, so an
    /// empty table with no load means nothing more will happen. Returns the seconds it took, or
    /// nil at the limit.
    private func drain(ignoring earlier: [Int64]) async -> Double? {
        let start = Date()
        let deadline = start.addingTimeInterval(TimeInterval(settings.drainSeconds))
        let query = FaultAccountingQueries.unfinished.binding(FaultAccountingQueries.pipelineQueues, earlier)
        while Date() < deadline {
            if (try? await database.count(query)) == 0 { return Date().timeIntervalSince(start) }
            try? await Task.sleep(for: .milliseconds(250))
        }
        return nil
    }

    private func throughput(from start: Date, to end: Date) async throws -> Double {
        let span = end.timeIntervalSince(start)
        guard span > 0 else { return 0 }
        return Double(try await database.count(FaultAccountingQueries.taskedBetween.binding(start, end))) / span
    }
}
