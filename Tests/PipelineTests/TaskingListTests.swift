import Domain
import Foundation
import Testing

extension PursueTests {
    @Suite("Tasking: the work list pages by cursor, filters, refuses unknown parameters", .serialized)
    struct TaskingListTests {
        /// 650 taskings for ROCU, in three priorities, five deadlines (some a microsecond apart) and so
        /// many ties that the id decides; every eighth accepted.
        private static let seed = """
            WITH r AS (
                INSERT INTO referrals (id, partner_id, partner_reference, fingerprint, crime_type, summary, overseas, gateway, tlp,
                                       source_eval, intel_assessment, handling_code, handling_conditions, channel, trace_id,
                                       canonical, raw, status)
                SELECT gen_random_uuid(), partner_id, partner_reference || '-' || g, fingerprint, crime_type, summary, overseas,
                       gateway, tlp, source_eval, intel_assessment, handling_code, handling_conditions, channel, trace_id, canonical, raw,
                       'tasked'
                FROM referrals, generate_series(1, 650) AS g WHERE id = $1
                RETURNING id
            ), s AS (
                INSERT INTO referral_scores (referral_id, score, components, distinct_partners, distinct_sectors, linked_referrals)
                SELECT id, 50, '{}', 1, 1, 0 FROM r
            ), n AS (SELECT id, row_number() OVER () AS n FROM r)
            INSERT INTO taskings (referral_id, agency_code, priority, sla_deadline, rule_ids, status, accepted_at)
            SELECT id, 'ROCU', 'P' || (1 + n % 3), date_trunc('second', now()) + (n % 5) * interval '1 hour' + (n % 2) * interval '1 microsecond',
                   '{}', CASE WHEN n % 8 = 0 THEN 'accepted' ELSE 'new' END, CASE WHEN n % 8 = 0 THEN now() END
            FROM n
            """

        @Test("650 taskings page in (priority, deadline, id) order with no gaps or repeats, at any page size")
        func pagesPast500() async throws {
            try await PipelineHarness.with { harness in
                let partner = try await harness.partner("Telco One", .telco)
                let referral = try await harness.submit(partner, Fixtures.telco)
                #expect(try await harness.waitUntilTasked(referral))
                _ = try await harness.pool.query(.init("test_seed_worklist", Self.seed, [referral]))
                let expected = try await harness.pool.query(.init(
                    "test_worklist_order", "SELECT id FROM taskings WHERE agency_code = 'ROCU' ORDER BY priority, sla_deadline, id"))
                    .map { try $0.decode(UUID.self, "id").uuidString.lowercased() }
                #expect(expected.count == 650)
                let rocu = try await harness.officer("ROCU")
                for limit in [500, 97] {
                    #expect(try await Self.all(harness, rocu, query: "limit=\(limit)") == expected)
                }
                let firstPage = try await harness.call(harness.tasking.router, .get, "/v1/taskings", token: rocu.token)
                #expect(firstPage.json["taskings"]?.arrayValue?.count == TaskingListQuery.defaultLimit)
                let accepted = try await Self.all(harness, rocu, query: "status=accepted&limit=50")
                #expect(accepted.count == 81)
                #expect(accepted == expected.filter(Set(accepted).contains))
                let urgent = try await Self.all(harness, rocu, query: "priority=P1&team=ROCU&status=new")
                #expect(try await harness.count("SELECT count(*) FROM taskings WHERE agency_code = 'ROCU' AND priority = 'P1' AND status = 'new'") == urgent.count)
                #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'tasking.listed' AND actor = $1", "officer:\(rocu.id)@ROCU") >= 4)
            }
        }

        @Test("bad, repeated and unknown parameters are a 400 naming each; another agency's team is a 403")
        func badParameters() async throws {
            try await PipelineHarness.with { harness in
                let rocu = try await harness.officer("ROCU")
                let cases: [(String, [String])] = [
                    ("limit=0", ["limit"]), ("limit=501", ["limit"]), ("limit=-1", ["limit"]), ("limit=1e3", ["limit"]),
                    ("cursor=abc", ["cursor"]), ("cursor=" + FeedCursor.start("feedback").description, ["cursor"]),
                    ("status=open", ["status"]), ("priority=P9", ["priority"]), ("team=rocu", ["team"]),
                    ("since=2026-01-01T00:00:00Z", ["since"]), ("limit=5&limit=6", ["limit"]), ("bogus=1&status=x", ["bogus", "status"]),
                ]
                for (query, fields) in cases {
                    let response = try await harness.call(harness.tasking.router, .get, "/v1/taskings?\(query)", token: rocu.token)
                    #expect(response.status == 400, "\(query)")
                    #expect(response.json["errors"]?.strings("field") == fields, "\(query)")
                }
                let foreign = try await harness.call(harness.tasking.router, .get, "/v1/taskings?team=NCA_TICAT", token: rocu.token)
                #expect(foreign.status == 403)
                // The latest cursor there can be is served (an empty page), not a database error.
                let last = TaskingCursor(priority: .p4, deadlineMicroseconds: TaskingCursor.maxDeadlineMicroseconds, id: UUID())
                let end = try await harness.call(harness.tasking.router, .get, "/v1/taskings?cursor=\(last)", token: rocu.token)
                #expect(end.status == 200 && end.json["taskings"]?.arrayValue?.isEmpty == true)
                let empty = try await harness.call(harness.tasking.router, .get, "/v1/taskings?team=ROCU", token: rocu.token)
                #expect(empty.status == 200 && empty.json["next_cursor"] == .null && empty.json["taskings"]?.arrayValue?.isEmpty == true)
            }
        }

        /// Every id of the list, page by page, following `next_cursor` until it is null.
        private static func all(_ harness: PipelineHarness, _ officer: TestOfficer, query: String) async throws -> [String] {
            var ids: [String] = []
            var cursor: String?
            for _ in 0..<1_000 {
                let target = "/v1/taskings?\(query)" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await harness.call(harness.tasking.router, .get, target, token: officer.token)
                guard page.status == 200 else { throw ScenarioError("page \(target) answered \(page.status): \(page.json)") }
                ids += page.json["taskings"]?.strings("id") ?? []
                guard let next = page.json["next_cursor"]?.stringValue else { return ids }
                cursor = next
            }
            throw ScenarioError("the list did not end")
        }
    }
}
