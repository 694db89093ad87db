import Foundation

/// One fault's figures, from the database and from the load, and its verdict.
struct FaultResult: Sendable {
    let fault: Fault
    let title: String
    var event = FaultInjector.Event()
    var tally = LoadTally()
    var referrals = ReferralCounts()
    var outcomes = OutcomeCounts()
    /// Jobs of the pipeline's queues left in `occ_jobs` after the drain, by state.
    var jobsLeft: [String: Int] = [:]
    /// A few of those jobs, described, for whoever looks into it.
    var jobSamples: [String] = []
    /// Outcomes whose feedback is incomplete, each with what the database holds about it.
    var outcomeSamples: [String] = []
    /// Pipeline jobs earlier faults left in `occ_jobs`: not this fault's to drain or to count.
    var carriedOver: [Int64] = []
    /// Every pipeline job in `occ_jobs` once this fault was counted, for the next fault.
    var leftover: [Int64] = []
    /// Seconds from the end of the load until no pipeline job was left; nil: not within the limit.
    var drainSeconds: Double?
    /// Seconds from recovery to the first acknowledged referral; nil: none within the limit.
    var firstAcknowledgement: Double?
    /// Referrals tasked per second before, during and after a held xmin.
    var throughput: (before: Double, during: Double, after: Double)?
    var audit: (intact: Bool, rows: Int, detail: String) = (true, 0, "")
    /// Audit rows appended but not chained once drained (every service's chainer links them).
    var auditPending = 0
    var unexpectedExits: [String] = []

    struct ReferralCounts: Sendable {
        var total = 0, complete = 0, stranded = 0, lost = 0, missing = 0, deadLettered = 0, duplicated = 0, unwitnessed = 0
        var slowest = 0.0, slowestAfterRecovery = 0.0
    }

    struct OutcomeCounts: Sendable {
        var total = 0, complete = 0, stranded = 0, lost = 0, missing = 0, deadLettered = 0, duplicated = 0
    }

    var lost: Int { referrals.lost + referrals.missing + outcomes.lost + outcomes.missing }
    var duplicated: Int { referrals.duplicated + outcomes.duplicated }
    var stranded: Int { referrals.stranded + outcomes.stranded }
    var accepted: Int { Set(tally.accepted).count }

    /// Why the fault fails; empty when it passes.
    func failures(_ settings: FaultSettings) -> [String] {
        var reasons: [String] = []
        if accepted == 0 { reasons.append("no referral was accepted, so the fault was not tried under load") }
        if lost > 0 { reasons.append("\(lost) lost") }
        if duplicated > 0 { reasons.append("\(duplicated) duplicated") }
        if stranded > 0 { reasons.append("\(stranded) stranded") }
        let left = jobsLeft.values.reduce(0, +)
        if left > 0 { reasons.append("\(left) pipeline job(s) left in occ_jobs") }
        if drainSeconds == nil { reasons.append("did not drain within \(settings.drainSeconds) s") }
        if referrals.unwitnessed > 0 { reasons.append("\(referrals.unwitnessed) referral(s) processed without their audit event or job record") }
        if settings.outcomeRate > 0 && outcomes.total == 0 { reasons.append("no outcome was recorded, so feedback was not tried") }
        if tally.officerRefusals > 0 {
            reasons.append("\(tally.officerRefusals) officer request(s) refused: \(tally.refusalSamples.joined(separator: " | "))")
        }
        if tally.rejected > 0 { reasons.append("\(tally.rejected) valid submission(s) refused: \(tally.rejectionSamples.joined(separator: " | "))") }
        if firstAcknowledgement == nil { reasons.append("no referral accepted within \(settings.recoverySeconds) s of recovery") }
        if fault.restartsPostgres && referrals.slowestAfterRecovery > FaultSettings.restartLimitSeconds {
            reasons.append("a referral was tasked \(seconds(referrals.slowestAfterRecovery)) s after PostgreSQL came back (limit \(Int(FaultSettings.restartLimitSeconds)) s)")
        }
        if fault.restartsPostgres && referrals.total > referrals.complete {
            reasons.append("\(referrals.total - referrals.complete) referral(s) never tasked (limit: \(Int(FaultSettings.restartLimitSeconds)) s after PostgreSQL came back)")
        }
        if let throughput {
            if throughput.during < throughput.before * FaultSettings.heldThroughputFloor {
                reasons.append("throughput under the held xmin fell to \(percent(throughput.during, of: throughput.before)) of before (floor 50%)")
            }
            if throughput.after < throughput.before * FaultSettings.recoveredThroughputFloor {
                reasons.append("throughput after the hold recovered only to \(percent(throughput.after, of: throughput.before)) (floor 80%)")
            }
        }
        if !audit.intact { reasons.append("audit chain broken: \(audit.detail)") }
        if auditPending > 0 { reasons.append("\(auditPending) audit row(s) appended but never chained") }
        return reasons
    }
}

func percent(_ value: Double, of base: Double) -> String {
    base > 0 ? "\(Int((value / base * 100).rounded()))%" : "n/a"
}
