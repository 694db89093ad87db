import Foundation
import Postgres
import Runtime
import ServiceKit
import TaskingApp
import Testing

extension PursueTests {
    @Suite("Tasking: the SLA sweep flags, escalates and audits each flag once; the clock stops while waiting on a partner", .serialized)
    struct SLASweepTests {
        /// The test's own account of a tasking's SLA, to compare the sweep with.
        struct Clock {
            let id: UUID
            let created: Date
            let deadline: Date
            let fraction: Double
            var hasOutcome: Bool
            var paused: TimeInterval = 0
            var pausedSince: Date?
            var warned = false
            var overdue = false

            /// The flags a sweep at `now` should raise, and the clock after it.
            mutating func sweep(at now: Date) -> [String] {
                guard !hasOutcome, pausedSince == nil, !overdue else { return [] }
                let warnAt = created.addingTimeInterval(deadline.timeIntervalSince(created) * fraction + paused)
                guard now >= warnAt else { return [] }
                var flags: [String] = []
                if !warned { warned = true; flags.append("warning") }
                if now >= deadline.addingTimeInterval(paused) { overdue = true; flags.append("overdue") }
                return flags
            }
        }

        @Test("flags at the warning point and the deadline at a time the test chooses; each once; overdue list; pause and resume")
        func sweepWithControlledTime() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let ticat = try await harness.officer("NCA_TICAT")
                let reportFraud = try await harness.officer("REPORT_FRAUD")
                let cyberTasking = try #require(try await harness.taskingID(agency: ticat.token, referral: scenario.cyberReferral))
                _ = try await harness.recordOutcome(agency: ticat.token, tasking: cyberTasking, #"{"kind": "under_investigation"}"#)
                let paused = try #require(try await harness.taskingID(agency: reportFraud.token, referral: scenario.bankReferral))
                var clocks = try await harness.pool.query(.init("test_sla_clocks", """
                    SELECT t.id, t.created_at, t.sla_deadline, p.warning_fraction::float8 AS fraction,
                           EXISTS (SELECT 1 FROM outcomes o WHERE o.tasking_id = t.id) AS has_outcome
                    FROM taskings t JOIN sla_policies p ON p.priority = t.priority
                    """)).map { row in
                    Clock(id: try row.decode(UUID.self, "id"), created: try row.decode(Date.self, "created_at"),
                          deadline: try row.decode(Date.self, "sla_deadline"), fraction: try row.decode(Double.self, "fraction"),
                          hasOutcome: try row.decode(Bool.self, "has_outcome"))
                }
                #expect(clocks.count >= 5)
                let pausedIndex = try #require(clocks.firstIndex { $0.id.uuidString.lowercased() == paused })
                let sweeper = SLASweeper(logger: Logger(service: "test", level: .warning))
                func sweep(_ now: Date) async throws {
                    let flags = try await harness.tasking.pool.transaction { try await sweeper.sweep(now: now, on: $0) }
                    var expected: [String] = []
                    for index in clocks.indices { expected += clocks[index].sweep(at: now).map { "\(clocks[index].id) \($0)" } }
                    #expect(Set(flags.map { "\($0.taskingID) \($0.flag)" }) == Set(expected), "at \(now)")
                    #expect(flags.count == expected.count)
                }
                func onClock(_ pause: Bool, at instant: Date) async throws {
                    let changed = try await harness.tasking.pool.transaction { connection in
                        _ = try await connection.query(.init("test_scope", "SELECT set_config('occ.agency_code', $1, true)", ["REPORT_FRAUD"]))
                        return pause ? try await TaskingSLA.pause(tasking: clocks[pausedIndex].id, at: instant, on: connection)
                            : try await TaskingSLA.resume(tasking: clocks[pausedIndex].id, at: instant, on: connection)
                    }
                    #expect(changed)
                    if pause { clocks[pausedIndex].pausedSince = instant } else {
                        clocks[pausedIndex].paused += instant.timeIntervalSince(clocks[pausedIndex].pausedSince!)
                        clocks[pausedIndex].pausedSince = nil
                    }
                }

                let target = clocks[pausedIndex]
                let warnAt = target.created.addingTimeInterval(target.deadline.timeIntervalSince(target.created) * target.fraction)
                try await sweep(target.created)
                try await onClock(true, at: target.created.addingTimeInterval(60))
                try await sweep(warnAt.addingTimeInterval(1))
                try await sweep(warnAt.addingTimeInterval(1))
                try await onClock(false, at: target.created.addingTimeInterval(60 + 7_200))
                try await sweep(warnAt.addingTimeInterval(7_201))
                try await sweep(target.deadline.addingTimeInterval(1))
                try await sweep(target.deadline.addingTimeInterval(7_201))
                try await sweep(target.deadline.addingTimeInterval(86_400 * 400))
                #expect(clocks[pausedIndex].overdue)

                for (action, count) in [("tasking.sla_warning", 1), ("tasking.sla_overdue", 1)] {
                    #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = $1 AND subject_id = $2", action, paused) == count)
                }
                #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action LIKE 'tasking.sla_%' AND subject_id = $1", cyberTasking) == 0)
                let overdue = try await harness.call(harness.tasking.router, .get, "/v1/taskings?sla=overdue", token: reportFraud.token)
                #expect(overdue.json["taskings"]?.strings("id").contains(paused) == true)
                #expect(overdue.json["taskings"]?.arrayValue?.allSatisfy { $0["sla"]?["state"]?.stringValue == "overdue" } == true)
                let warning = try await harness.call(harness.tasking.router, .get, "/v1/taskings?sla=warning", token: reportFraud.token)
                #expect(warning.json["taskings"]?.strings("id").contains(paused) == false)
                let bad = try await harness.call(harness.tasking.router, .get, "/v1/taskings?sla=late", token: reportFraud.token)
                #expect(bad.status == 400 && bad.json["errors"]?.strings("field") == ["sla"])
                let row = try await harness.call(harness.tasking.router, .get, "/v1/taskings/\(paused)", token: reportFraud.token, purpose: "sla review")
                #expect(row.json["sla"]?["paused_seconds"]?.doubleValue == 7_200)
            }
        }

        @Test("the worker runs sweep_sla from the queue: a tasking past its deadline is flagged overdue and audited")
        func workerRunsTheSweep() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let reportFraud = try await harness.officer("REPORT_FRAUD")
                let tasking = try #require(try await harness.taskingID(agency: reportFraud.token, referral: scenario.bankReferral))
                _ = try await harness.pool.query(.init("test_sla_late", """
                    UPDATE taskings SET created_at = now() - interval '10 hours', sla_deadline = now() - interval '1 hour' WHERE id = $1::uuid
                    """, [tasking]))
                _ = try await harness.pool.query(.init("test_sla_job", "INSERT INTO occ_jobs (queue, kind, args) VALUES ('tasking', 'sweep_sla', '{}')"))
                #expect(try await harness.eventually {
                    try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'tasking.sla_overdue' AND subject_id = $1", tasking) == 1
                })
                #expect(try await harness.eventually { try await harness.count("SELECT count(*) FROM occ_jobs WHERE kind = 'sweep_sla'") == 0 })
                #expect(try await harness.count("SELECT count(*) FROM occ_job_history WHERE kind = 'sweep_sla' AND state = 'completed'") == 1)
            }
        }

        @Test("a due tasking an officer holds locked is skipped, not waited for, and flagged by the next sweep")
        func lockedTaskingIsSkipped() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let reportFraud = try await harness.officer("REPORT_FRAUD")
                let tasking = try #require(try await harness.taskingID(agency: reportFraud.token, referral: scenario.bankReferral))
                let sweeper = SLASweeper(logger: Logger(service: "test", level: .warning))
                let later = Date().addingTimeInterval(86_400 * 400)
                let flagged = { try await harness.tasking.pool.transaction { try await sweeper.sweep(now: later, on: $0) } }
                let whileLocked = try await harness.pool.transaction { connection in
                    _ = try await connection.query(.init("test_hold_tasking", "SELECT 1 FROM taskings WHERE id = $1::uuid FOR UPDATE", [tasking]))
                    return try await flagged()
                }
                #expect(!whileLocked.isEmpty && !whileLocked.contains { $0.taskingID.uuidString.lowercased() == tasking })
                #expect(try await flagged().map { "\($0.taskingID.uuidString.lowercased()) \($0.flag)" }.sorted() == ["\(tasking) overdue", "\(tasking) warning"])
            }
        }
    }
}
