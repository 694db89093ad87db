import Foundation

extension FaultResult {
    /// The fault's block of the report: figures first, then the verdict.
    func report(_ settings: FaultSettings) -> [String] {
        let left = jobsLeft.isEmpty ? "none" : jobsLeft.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        var lines = [
            "   accepted \(accepted) referrals (\(tally.retried) requests resent after no answer or a 5xx, \(tally.rejected) refused); "
                + "\(referrals.total) in the database for this window",
            "   lost \(lost)   duplicated \(duplicated)   stranded \(stranded)   jobs left in occ_jobs: \(left)",
            "   drained without intervention: " + (drainSeconds.map { "yes (\(seconds($0)) s after the load stopped)" }
                ?? "no (not within \(settings.drainSeconds) s)"),
            "   first accepted submission after recovery: " + (firstAcknowledgement.map { "\(seconds($0)) s" }
                ?? "none within \(settings.recoverySeconds) s"),
            "   slowest referral receipt→tasking: \(seconds(referrals.slowest)) s"
                + (referrals.total > referrals.complete ? " among those tasked (\(referrals.total - referrals.complete) never were)" : "")
                + (fault.restartsPostgres ? "; latest tasking \(seconds(referrals.slowestAfterRecovery)) s after PostgreSQL came back (limit \(Int(FaultSettings.restartLimitSeconds)) s)" : ""),
            "   outcomes: \(outcomes.total) recorded, feedback written for \(outcomes.complete) (\(outcomes.duplicated) more than once); "
                + "\(tally.officerRefusals) officer request(s) refused",
        ]
        if let throughput {
            lines.append("   throughput (referrals tasked/s): before \(String(format: "%.1f", throughput.before)), "
                + "during the hold \(String(format: "%.1f", throughput.during)) (\(percent(throughput.during, of: throughput.before))), "
                + "after \(String(format: "%.1f", throughput.after)) (\(percent(throughput.after, of: throughput.before)))")
        }
        if referrals.deadLettered + outcomes.deadLettered > 0 {
            lines.append("   dead-lettered jobs: \(referrals.deadLettered) referral(s), \(outcomes.deadLettered) outcome(s)")
        }
        if !carriedOver.isEmpty {
            lines.append("   (\(carriedOver.count) job(s) left by earlier faults were not waited for here; \(carriedOver.filter(leftover.contains).count) still left)")
        }
        lines.append("   audit chain: " + (audit.intact ? "intact (\(audit.rows) rows chained, " : "BROKEN — \(audit.detail) (")
            + "\(auditPending) pending)")
        for note in event.notes { lines.append("   · \(note)") }
        for job in jobSamples { lines.append("   · left: \(job)") }
        for outcome in outcomeSamples { lines.append("   · incomplete: \(outcome)") }
        for exit in unexpectedExits { lines.append("   · supervisor restarted \(exit)") }
        let failures = failures(settings)
        lines.append(failures.isEmpty ? "   PASS" : "   FAIL: " + failures.joined(separator: "; "))
        return lines
    }
}
