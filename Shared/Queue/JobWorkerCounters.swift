import Foundation
import Runtime

/// The worker's Prometheus series: outcomes per queue, pickup latency, run time, timeouts, and
/// outcome writes that failed or were given up on.
struct JobWorkerCounters: Sendable {
    private let metrics: MetricsRegistry?

    init(metrics: MetricsRegistry?) {
        self.metrics = metrics
    }

    func pickedUp(_ job: JobRecord) {
        guard let metrics else { return }
        metrics.histogram("occ_job_pickup_seconds", help: "Time from insert to start of the first attempt.",
                          labels: ["queue": job.queue])
            .observe(max(0, Date().timeIntervalSince(job.createdAt)))
    }

    func finished(_ job: JobRecord, _ outcome: JobOutcome, runTime: Duration) {
        guard let metrics else { return }
        let result: String
        switch outcome {
        case .complete, .completedInTransaction: result = "completed"
        case .retry: result = job.attempt >= job.maxAttempts ? "discarded" : "retried"
        case .snooze: result = "snoozed"
        case .cancel: result = "cancelled"
        case .discard: result = "discarded"
        }
        metrics.counter("occ_jobs_finished_total", help: "Job attempts finished, by outcome.",
                        labels: ["queue": job.queue, "kind": job.kind, "outcome": result]).increment()
        metrics.histogram("occ_job_run_seconds", help: "Handler run time.", labels: ["queue": job.queue]).observe(runTime)
    }

    func timedOut(_ job: JobRecord) {
        metrics?.counter("occ_job_timeouts_total", help: "Job attempts cancelled for running past their kind's timeout.",
                         labels: ["queue": job.queue, "kind": job.kind]).increment()
    }

    /// One failed try at writing outcomes (a batch of completions counts once).
    func outcomeWriteFailed() {
        metrics?.counter("occ_job_outcome_write_failures_total", help: "Failed tries at writing job outcomes (each is retried).").increment()
    }

    /// Outcomes given up on after the retry window; those jobs are left for the rescuer.
    func outcomeAbandoned() {
        metrics?.counter("occ_job_outcomes_abandoned_total", help: "Job outcomes given up on after the retry window; the rescuer returns those jobs.")
            .increment()
    }
}
