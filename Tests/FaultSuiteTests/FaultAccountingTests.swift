import Foundation
@testable import OCC
import Postgres
import Queue
import ServiceKit
import Testing
import TestSupport

/// The suite's verdict is only as honest as its counting: each kind of damage, planted on
/// purpose, must be found and told apart from the others.
@Suite("Fault suite accounting")
struct FaultAccountingTests {
    @Test("complete, stranded, lost, duplicated and missing referrals are each counted as such")
    func referrals() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let connection = try await db.connect()
        let since = Date()
        let seed = try await PipelineSeed.start(on: connection, pool: pool)
        let complete = try await seed.complete()
        let stranded = try await seed.received()
        try await connection.query(PipelineSeed.claim.binding(stranded.job))
        let lost = try await seed.received()
        // Its enrichment job vanished without a trace: nothing will ever finish it.
        try await connection.query(PipelineSeed.dropJob.binding(lost.job))
        let doubled = try await seed.complete()
        try await seed.audit("referral.enriched", doubled.referral)
        let missing = UUID()
        let until = Date()

        let accounting = FaultAccounting(
            since: since, until: until, recoveredAt: since,
            accepted: [complete.referral, stranded.referral, lost.referral, doubled.referral, missing], outcomes: [], carriedOver: [])
        let counts = try await accounting.count(on: connection)
        #expect(counts.referrals.total == 4)
        #expect(counts.referrals.complete == 2)
        #expect(counts.referrals.stranded == 1)
        #expect(counts.referrals.lost == 1)
        #expect(counts.referrals.missing == 1)
        #expect(counts.referrals.duplicated == 1)
        #expect(counts.referrals.unwitnessed == 0)
        #expect(counts.jobsLeft == ["running": 1])
        #expect(counts.leftover == [stranded.job])
        #expect(counts.jobSamples.count == 1 && counts.jobSamples[0].contains("enrich_referral job \(stranded.job) running"))
        #expect(counts.audit.intact)
        await connection.close()
        await pool.close()
    }

    @Test("feedback is counted once per outcome; a second delivery is a duplicate, a queued one stranded")
    func outcomes() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let connection = try await db.connect()
        let since = Date()
        let seed = try await PipelineSeed.start(on: connection, pool: pool)
        let referral = try await seed.complete()
        let delivered = try await seed.outcome(on: referral.tasking)
        try await seed.feedback(delivered.outcome, referral: referral.referral, job: delivered.job)
        let twice = try await seed.outcome(on: referral.tasking)
        try await seed.feedback(twice.outcome, referral: referral.referral, job: twice.job)
        _ = try await AuditLog.append(AuditEvent(
            actor: "seed", action: "feedback.written", subjectType: "outcome", subjectID: String(twice.outcome)), on: connection)
        let waiting = try await seed.outcome(on: referral.tasking)

        let accounting = FaultAccounting(
            since: since, until: Date(), recoveredAt: since, accepted: [referral.referral],
            outcomes: [delivered.outcome, twice.outcome, waiting.outcome, 999_999], carriedOver: [])
        let counts = try await accounting.count(on: connection)
        #expect(counts.outcomes.total == 3)
        #expect(counts.outcomes.complete == 2)
        #expect(counts.outcomes.duplicated == 1)
        #expect(counts.outcomes.stranded == 1)
        #expect(counts.outcomes.lost == 0)
        #expect(counts.outcomes.missing == 1)
        #expect(counts.jobsLeft == ["available": 1])

        // A later fault does not count that job again, but still knows it is there.
        let later = FaultAccounting(
            since: Date(), until: Date(), recoveredAt: Date(), accepted: [], outcomes: [], carriedOver: counts.leftover)
        let next = try await later.count(on: connection)
        #expect(next.jobsLeft.isEmpty)
        #expect(next.leftover == [waiting.job])
        await connection.close()
        await pool.close()
    }

    @Test("a referral finished without its audit event or job record is reported, not passed")
    func unwitnessed() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let connection = try await db.connect()
        let since = Date()
        let seed = try await PipelineSeed.start(on: connection, pool: pool)
        let (referral, job) = try await seed.received()
        // Enriched and tasked, but enrichment's job was dropped instead of completed.
        try await connection.query(PipelineSeed.score.binding(referral))
        try await seed.audit("referral.enriched", referral)
        try await connection.query(PipelineSeed.dropJob.binding(job))
        let next = try await seed.queue.enqueue(TaskReferral(referralID: referral), options: InsertOptions(queue: TaskReferral.queue), on: connection)
        _ = try await seed.tasked(referral, job: next.id)

        let counts = try await FaultAccounting(
            since: since, until: Date(), recoveredAt: since, accepted: [referral], outcomes: [], carriedOver: []
        ).count(on: connection)
        #expect(counts.referrals.complete == 1)
        #expect(counts.referrals.unwitnessed == 1)
        #expect(counts.referrals.duplicated == 0)
        await connection.close()
        await pool.close()
    }
}
