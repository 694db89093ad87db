import Domain
import Foundation
import Testing

/// The SLA clock-stop through the real executables: an officer's RFIs stop a tasking's clock,
/// the SLA sweep leaves it alone while it waits, and the partner's answer to the last open RFI
/// restarts it with the deadline moved on by the time waited.
@Suite("End to end: RFIs stop a tasking's SLA clock until the partner answers", .serialized)
struct RFIClockStopJourneyTests {
    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .integer(let number): Double(number)
        case .number(let number): number
        default: nil
        }
    }

    @Test("two RFIs pause the clock; the sweep does not flag it; the first answer keeps it paused, the last restarts it; audited both sides")
    func clockStop() async throws {
        // No periodic sweep: the test runs each sweep itself and waits for it to complete.
        let exchange = try await Exchange(environment: ["TASKING_SLA_SWEEP_SECONDS": "0"])
        let bank = try await exchange.partner("High Street Bank", .finance)
        let referral = Exchange.referral("RFI-1", crimeType: "fraud.app_impersonation", indicators: #"{"kind": "phone", "value": "+44 7700 900123"}"#)
        #expect(try await exchange.call("intake", .post, "/v1/referrals", token: bank.token, body: referral).0 == 201)
        #expect(try await exchange.eventually { try await exchange.count("SELECT count(*) FROM taskings") == 1 })
        let agency = try #require(try await exchange.text("SELECT agency_code FROM taskings"))
        let officer = try await exchange.officer(agency, name: "DC Clock", staffID: "CLK1").token
        let tasking = try #require(try await exchange.text("SELECT id::text FROM taskings"))
        // The tasking is already past its deadline, not yet swept: only the pause keeps it off the supervisor list.
        #expect(try await exchange.count(
            "WITH u AS (UPDATE taskings SET created_at = now() - interval '10 hours', sla_deadline = now() - interval '1 hour' RETURNING 1) SELECT count(*) FROM u") == 1)

        var sweeps = 0
        func sweep() async throws {
            sweeps += 1
            _ = try await exchange.count("WITH j AS (INSERT INTO occ_jobs (queue, kind, args) VALUES ('tasking', 'sweep_sla', '{}') RETURNING 1) SELECT count(*) FROM j")
            #expect(try await exchange.eventually {
                try await exchange.count("SELECT count(*) FROM occ_job_history WHERE kind = 'sweep_sla' AND state = 'completed'") == sweeps
            })
        }
        func sla() async throws -> JSONValue? {
            let (status, view) = try await exchange.call("tasking", .get, "/v1/taskings/\(tasking)", token: officer, purpose: "SLA review")
            #expect(status == 200)
            return view["sla"]
        }
        func ask(_ question: String) async throws -> Int {
            let (status, rfi) = try await exchange.call(
                "tasking", .post, "/v1/taskings/\(tasking)/rfis", token: officer, body: #"{"question": "\#(question)"}"#, purpose: "enquiry")
            #expect(status == 201)
            return try #require(Self.number(rfi["id"]).map { Int($0) })
        }
        func answer(_ rfi: Int) async throws {
            let (status, answered) = try await exchange.call("feedback", .post, "/v1/rfis/\(rfi)/answer", token: bank.token, body: #"{"answer": "On 3 March."}"#)
            #expect(status == 200 && answered["status"]?.stringValue == "answered")
        }
        let audited = "SELECT count(*) FROM audit_log WHERE action = $1 AND subject_id = $2"

        #expect(try await sla()?["state"]?.stringValue == "running")
        let first = try await ask("When did the first payment leave?")
        let second = try await ask("Which account received it?")
        let paused = try await sla()
        #expect(paused?["state"]?.stringValue == "paused" && paused?["paused_since"]?.stringValue != nil)
        // One pause, by the first RFI; the second finds the clock already stopped.
        #expect(try await exchange.count(audited, "tasking.sla_paused", tasking) == 1)
        #expect(try await exchange.count(
            "SELECT count(*) FROM audit_log WHERE action = 'rfi.asked' AND (event::jsonb -> 'detail' ->> 'sla_clock') = 'already_stopped' AND subject_id = $1", String(second)) == 1)

        try await sweep()
        #expect(try await exchange.count("SELECT count(*) FROM audit_log WHERE action LIKE 'tasking.sla_%' AND action <> 'tasking.sla_paused'") == 0)
        #expect(try await exchange.count("SELECT count(*) FROM taskings WHERE sla_warned_at IS NOT NULL OR sla_overdue_at IS NOT NULL") == 0)

        try await answer(first)
        #expect(try await sla()?["state"]?.stringValue == "paused")
        #expect(try await exchange.count(audited, "tasking.sla_resumed", tasking) == 0)
        try await answer(second)
        let resumed = try await sla()
        // Running again: no paused_since (left out or null), and not paused.
        #expect(resumed?["state"]?.stringValue == "running" && (resumed?["paused_since"] ?? .null) == .null)
        // The time waited: from the first question to the last answer, as the database stamped them.
        let waited = try #require(try await exchange.text("""
            SELECT extract(epoch FROM max(answered_at) - min(asked_at))::text FROM partner_rfis WHERE tasking_id = $1::uuid
            """, tasking).flatMap(Double.init))
        let pausedSeconds = try #require(Self.number(resumed?["paused_seconds"]))
        #expect(abs(pausedSeconds - waited) < 0.001)
        #expect(try await exchange.count("""
            SELECT count(*) FROM taskings t WHERE t.id = $1::uuid AND abs(extract(epoch FROM t.sla_paused_total) - $2::float8) < 0.001
            """, tasking, waited) == 1)
        let resumedEvent = "SELECT count(*) FROM audit_log WHERE action = 'tasking.sla_resumed' AND subject_id = $1 AND actor LIKE 'partner:%' AND (event::jsonb -> 'detail' ->> 'rfi_id') = $2"
        #expect(try await exchange.count(resumedEvent, tasking, String(second)) == 1)
        #expect(try await exchange.count(audited, "tasking.sla_paused", tasking) == 1)

        // Running again, and still past its (moved) deadline: the next sweep flags it, with the moved deadline.
        try await sweep()
        #expect(try await exchange.count(audited, "tasking.sla_overdue", tasking) == 1)
        #expect(try await exchange.count("""
            SELECT count(*) FROM audit_log a JOIN taskings t ON t.id::text = a.subject_id
            WHERE a.action = 'tasking.sla_overdue'
              AND abs(extract(epoch FROM (a.event::jsonb -> 'detail' ->> 'due_at')::timestamptz - (t.sla_deadline + t.sla_paused_total))) < 0.002
            """) == 1)
        #expect(try await sla()?["state"]?.stringValue == "overdue")
        #expect(await exchange.stop().values.allSatisfy { $0 == 0 })
    }
}
