import Foundation
import HTTP
import Postgres
import ServiceKit
import Testing

@Suite("POST /v1/referrals under concurrency: group commit")
struct ReferralGroupCommitTests {
    /// One burst of simultaneous submissions from two partners, with a replay and a conflict inside it.
    private struct Burst {
        let requests: [(reference: String, summary: String, bank: Bool)]

        init(round: Int) {
            var requests: [(String, String, Bool)] = (0..<20).map { ("R\(round)-\($0)", "Smishing wave \(round)", $0 % 2 == 0) }
            requests.append(("R\(round)-DUP", "The same story twice", false))
            requests.append(("R\(round)-DUP", "The same story twice", false))
            requests.append(("R\(round)-CLASH", "One story", true))
            requests.append(("R\(round)-CLASH", "Another story under the same reference", true))
            self.requests = requests
        }
    }

    @Test("simultaneous referrals share commits, each caller gets its own answer, and partners stay apart")
    func burst() async throws {
        try await IntakeHarness.with { harness in
            let (bank, bankKey) = try await harness.otherPartner()
            for round in 0..<3 {
                let burst = Burst(round: round)
                let statuses = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                    for request in burst.requests {
                        group.addTask {
                            let client = harness.client()
                            defer { Task { await client.close() } }
                            let headers = request.bank ? harness.headers(bankKey) : harness.headers()
                            let body = ReferralFixtures.bytes(ReferralFixtures.valid(reference: request.reference, summary: request.summary))
                            return (request.reference, try await client.send(.post, "/v1/referrals", headers: headers, body: body).status.code)
                        }
                    }
                    return try await group.reduce(into: [String: [Int]]()) { $0[$1.0, default: []].append($1.1) }
                }
                for index in 0..<20 { #expect(statuses["R\(round)-\(index)"] == [201]) }
                #expect(statuses["R\(round)-DUP"]?.sorted() == [200, 201], "one stored, its twin a replay")
                #expect(statuses["R\(round)-CLASH"]?.sorted() == [201, 409], "one stored, the other a conflict")
            }
            // 22 referrals per round: 20 distinct, one of each twin pair.
            #expect(try await harness.counts() == StoredCounts(referrals: 66, indicators: 132, audits: 66, jobs: 66))

            let owners = try await harness.inspector.query(PostgresQuery("test_owners", """
                SELECT count(*) FILTER (WHERE r.partner_id = $1) AS bank,
                       count(*) FILTER (WHERE i.partner_id <> r.partner_id) AS mismatched
                FROM referral_indicators i JOIN referrals r ON r.id = i.referral_id
                """).binding(bank.id)).single
            #expect(try owners?.decode(Int.self, "bank") == 2 * (3 * 10 + 3), "every bank referral's two indicators")
            #expect(try owners?.decode(Int.self, "mismatched") == 0)

            // Shared commits: fewer transactions than referrals (rows of one transaction share xmin).
            let transactions = try await harness.inspector.query(PostgresQuery(
                "test_transactions", "SELECT count(DISTINCT xmin::text) AS n FROM referrals")).single
            let commits = try #require(try transactions?.decode(Int.self, "n"))
            #expect(commits < 66)

            let verification = try await harness.inspector.withConnection { try await AuditLog.verify(on: $0) }
            #expect(verification.isIntact)
        }
    }
}
