import Queue

/// The periodic job that flags taskings at their SLA warning point and past their deadline
/// (`SLASweeper`). It carries nothing: each run sweeps every due tasking at its own time.
struct SweepSLA: JobArgs, Hashable {
    static let kind = "sweep_sla"
    static let queue = "tasking"
}
