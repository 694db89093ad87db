import Domain
import Foundation
import Postgres
import ServiceKit
import Testing

/// Named officers and their stated purposes on the agency API (DPA 2018 Part 3 s.62 logging):
/// every detail read and action writes one audit event naming the officer and why.
@Suite("Tasking: officers' keys and X-Purpose on the agency API", .serialized)
struct OfficerAccessTests {
    @Test("a detail read with a purpose returns the referral's content and writes exactly one event naming the officer and purpose")
    func auditedRead() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let officer = try await harness.officer("NCA_TICAT")
            let tasking = try #require(try await harness.taskingID(agency: officer.token, referral: scenario.cyberReferral))
            let before = try await Self.reads(harness)

            let response = try await harness.call(
                harness.tasking.router, .get, "/v1/taskings/\(tasking)", token: officer.token, purpose: "  triage of ransomware report ")
            #expect(response.status == 200)
            #expect(response.json["id"]?.stringValue == tasking)
            #expect(response.json["summary"]?.stringValue == "Ransomware intrusion through an exposed remote desktop")
            #expect(response.json["indicators"]?.arrayValue?.count == 2)
            #expect(response.json["markings"]?["tlp"]?.stringValue == "AMBER")

            let reads = try await Self.reads(harness)
            #expect(reads.count == before.count + 1)
            let read = try #require(reads.last)
            #expect(read.actor == "officer:\(officer.id)@NCA_TICAT")
            #expect(read.subject == tasking)
            #expect(read.officer == officer.id)
            #expect(read.purpose == "triage of ransomware report")
            #expect(read.referral == scenario.cyberReferral.uuidString.lowercased())
            #expect(try await Self.chainIsIntact(harness))
        }
    }

    @Test("a detail read without a valid X-Purpose is a 400 naming the header and writes no audit event")
    func readWithoutPurpose() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let officer = try await harness.officer("NCA_TICAT")
            let tasking = try #require(try await harness.taskingID(agency: officer.token, referral: scenario.cyberReferral))
            let events = try await harness.count("SELECT count(*) FROM audit_log")

            for purpose in [nil, "", "no", String(repeating: "why ", count: 51), "hidden\u{202E}text"] as [String?] {
                let response = try await harness.call(
                    harness.tasking.router, .get, "/v1/taskings/\(tasking)", token: officer.token, purpose: purpose)
                #expect(response.status == 400, "\(purpose ?? "no header")")
                #expect(response.json["detail"]?.stringValue?.contains("X-Purpose") == true)
                #expect(response.json["errors"]?.strings("field") == ["X-Purpose"])
                #expect(response.json["indicators"] == nil)
            }
            #expect(try await harness.count("SELECT count(*) FROM audit_log") == events)
        }
    }

    @Test("accepting or recording an outcome without a purpose is a 400 and changes nothing; with one, the events name officer and purpose")
    func actionsNeedPurpose() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let officer = try await harness.officer("COLP_FTC")
            let router = harness.tasking.router
            let tasking = try #require(try await harness.taskingID(agency: officer.token, referral: scenario.bankReferral))
            let events = try await harness.count("SELECT count(*) FROM audit_log")

            #expect(try await harness.call(router, .post, "/v1/taskings/\(tasking)/accept", token: officer.token).status == 400)
            let outcome = try await harness.call(
                router, .post, "/v1/taskings/\(tasking)/outcome", token: officer.token, body: PipelineHarness.disruptedOutcome)
            #expect(outcome.status == 400)
            #expect(outcome.json["errors"]?.strings("field") == ["X-Purpose"])
            #expect(try await harness.text("SELECT status FROM taskings WHERE id = $1::uuid", tasking) == "new")
            #expect(try await harness.count("SELECT count(*) FROM outcomes") == 0)
            #expect(try await harness.count("SELECT count(*) FROM audit_log") == events)

            let accepted = try await harness.call(router, .post, "/v1/taskings/\(tasking)/accept", token: officer.token, purpose: "taking on Op MULE")
            #expect(accepted.status == 200)
            #expect(accepted.json["status"]?.stringValue == "accepted")
            #expect(accepted.json["indicators"] == nil, "accepting discloses no content; only the audited read does")
            #expect(try await harness.recordOutcome(agency: officer.token, tasking: tasking, PipelineHarness.disruptedOutcome).status == 201)
            let actor = "officer:\(officer.id)@COLP_FTC"
            #expect(try await harness.text("SELECT recorded_by FROM outcomes") == actor)
            let purposes = """
                SELECT string_agg(action || '=' || (event::jsonb ->> 'purpose'), ',' ORDER BY id) FROM audit_log
                WHERE actor = $1 AND (event::jsonb ->> 'officer')::bigint = $2 AND action IN ('tasking.accepted', 'tasking.outcome_recorded')
                """
            #expect(try await harness.text(purposes, actor, officer.id)
                == "tasking.accepted=taking on Op MULE,tasking.outcome_recorded=recording the outcome")
        }
    }

    @Test("the list carries no referral content, needs no purpose, and records one tasking.listed event per call")
    func list() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let officer = try await harness.officer("REPORT_FRAUD")
            let router = harness.tasking.router
            let listed = try await harness.call(router, .get, "/v1/taskings", token: officer.token)
            #expect(listed.status == 200)
            let taskings = listed.json["taskings"]?.arrayValue ?? []
            #expect(Set(listed.json["taskings"]?.strings("referral_id") ?? []) == Set(
                [scenario.telcoReferral, scenario.bankReferral, scenario.techReferral].map { $0.uuidString.lowercased() }))
            #expect(taskings.allSatisfy { $0["summary"] == nil && $0["indicators"] == nil && $0["markings"] == nil })
            #expect(taskings.allSatisfy { $0["reference"]?.stringValue != nil && $0["tlp"]?.stringValue == "AMBER" })
            #expect(try await harness.call(router, .get, "/v1/taskings", token: officer.token, purpose: "daily queue review").status == 200)
            #expect(try await harness.call(router, .get, "/v1/taskings", token: officer.token, purpose: "x").status == 400)

            let events = """
                SELECT string_agg(subject_type || ':' || subject_id || ' ' || (event::jsonb -> 'detail' ->> 'count') || ' '
                                  || coalesce(event::jsonb ->> 'purpose', '-'), ',' ORDER BY id)
                FROM audit_log WHERE action = 'tasking.listed' AND actor = $1
                """
            #expect(try await harness.text(events, "officer:\(officer.id)@REPORT_FRAUD")
                == "agency:REPORT_FRAUD 3 -,agency:REPORT_FRAUD 3 daily queue review")
        }
    }

    @Test("revoking an officer revokes their keys: the next request is 401; another officer's key still works")
    func revokedOfficer() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let leaving = try await harness.officer("NCA_TICAT", name: "Leaving Officer")
            let staying = try await harness.officer("NCA_TICAT", name: "Staying Officer")
            let second = try await APIKeyRegistry(pool: harness.pool).issue(officer: leaving.id).key
            let tasking = try #require(try await harness.taskingID(agency: leaving.token, referral: scenario.cyberReferral))
            let target = "/v1/taskings/\(tasking)"

            let revoked = try await OfficerRegistry(pool: harness.pool).revoke(id: leaving.id)
            #expect(revoked.keys.count == 2)
            #expect(revoked.keys.contains(second.id))
            for token in [leaving.token, second.token] {
                #expect(try await harness.call(harness.tasking.router, .get, target, token: token, purpose: "triage").status == 401)
            }
            #expect(try await harness.call(harness.tasking.router, .get, target, token: staying.token, purpose: "triage").status == 200)
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'tasking.read' AND actor LIKE $1", "officer:\(leaving.id)@%") == 0)
            await #expect(throws: APIKeyRegistry.RegistryError.unknownOfficer(leaving.id)) {
                try await APIKeyRegistry(pool: harness.pool).issue(officer: leaving.id)
            }
            await #expect(throws: OfficerRegistry.RegistryError.unknownOfficer(leaving.id)) {
                try await OfficerRegistry(pool: harness.pool).revoke(id: leaving.id)
            }
        }
    }

    @Test("an agency:tasking key naming no officer (issued before officers existed) is refused with 403; none can be issued now")
    func legacyAgencyKey() async throws {
        try await PipelineHarness.with { harness in
            _ = try await Scenario.run(harness)
            await #expect(throws: APIKeyRegistry.RegistryError.officerRequired) {
                try await APIKeyRegistry(pool: harness.pool).issue(owner: .agency(code: "NCA_TICAT"), scopes: [.agencyTasking])
            }
            let key = try #require(APIKey(id: "legacy01", secretBytes: Array(repeating: 7, count: 32)))
            let insert = PostgresQuery(
                "test_legacy_agency_key",
                "INSERT INTO api_keys (id, agency_code, scopes, secret_hash) VALUES ($1, 'NCA_TICAT', '{agency:tasking}', $2)",
                [key.id, key.secretHash])
            // The schema refuses such a key now; only one written before migration 8 can exist.
            await #expect(throws: PostgresError.self) { try await harness.pool.query(insert) }
            try await harness.pool.transaction { connection in
                try await connection.execute("ALTER TABLE api_keys DROP CONSTRAINT api_keys_agency_tasking_officer", name: "test_drop_officer_check")
                try await connection.query(insert)
            }
            let response = try await harness.call(harness.tasking.router, .get, "/v1/taskings", token: key.token)
            #expect(response.status == 403)
            #expect(response.json["detail"]?.stringValue?.contains("officer") == true)
        }
    }

    @Test("events without an officer or purpose hash as before; with them, both are in the hashed text")
    func canonicalText() {
        let date = Date(timeIntervalSince1970: 1_780_000_000)
        let plain = AuditEvent(actor: "operator", action: "partner.added", subjectType: "partner", subjectID: "1", occurredAt: date)
        #expect(plain.canonicalText == #"{"action":"partner.added","actor":"operator","detail":{},"occurred_at":"2026-05-28T20:26:40.000Z","subject_id":"1","subject_type":"partner"}"#)
        let read = AuditEvent(
            actor: "officer:42@NCA_TICAT", action: "tasking.read", subjectType: "tasking", subjectID: "t", officer: 42,
            purpose: "triage", occurredAt: date)
        #expect(read.canonicalText.contains(#""officer":42"#))
        #expect(read.canonicalText.contains(#""purpose":"triage""#))
    }

    // MARK: - Helpers

    struct Read {
        let actor: String
        let subject: String
        let officer: Int64?
        let purpose: String?
        let referral: String?
    }

    /// Every `tasking.read` event, oldest first, with the officer and purpose from its hashed text.
    static func reads(_ harness: PipelineHarness) async throws -> [Read] {
        let query = PostgresQuery("test_reads", """
            SELECT actor, subject_id, (event::jsonb ->> 'officer')::bigint AS officer, event::jsonb ->> 'purpose' AS purpose,
                   event::jsonb -> 'detail' ->> 'referral_id' AS referral
            FROM audit_log WHERE action = 'tasking.read' ORDER BY id
            """)
        return try await harness.pool.query(query).map {
            Read(actor: try $0.decode(String.self, "actor"), subject: try $0.decode(String.self, "subject_id"),
                 officer: try $0.decode(Int64?.self, "officer"), purpose: try $0.decode(String?.self, "purpose"),
                 referral: try $0.decode(String?.self, "referral"))
        }
    }

    static func chainIsIntact(_ harness: PipelineHarness) async throws -> Bool {
        try await harness.pool.withConnection { try await AuditLog.verify(on: $0) }.isIntact
    }
}
