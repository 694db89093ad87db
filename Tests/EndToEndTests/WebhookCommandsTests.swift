import Foundation
import Postgres
import TestSupport
import Testing

/// `occ partners webhook …`: the real executable, connected as the operator login, so the
/// commands need no more than its grants (it sets endpoints and secrets without reading any).
@Suite("occ partners webhook: endpoints, secrets, dead letters", .serialized)
struct WebhookCommandsTests {
    @Test("set shows the secret once; rotate adds one; test queues an event; deliveries lists; retry revives dead letters; disable stops")
    func lifecycle() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: db.conninfo(as: .operator)) }
        let added = try await occ(["partners", "add", "--name", "Telco One", "--sector", "telco"])
        let partner = try #require(added.stdout.split(separator: " ").dropFirst().first.map(String.init))

        let set = try await occ(["partners", "webhook", "set", "--partner", partner, "--url", "http://hooks.example.test:8080/occ"])
        #expect(set.status == 0, "\(set.stderr)")
        let lines = set.stdout.split(separator: "\n")
        #expect(lines.first == "partner \(partner) webhook http://hooks.example.test:8080/occ")
        let secret = try #require(lines.last.map(String.init))
        #expect(secret.wholeMatch(of: /whsec_[0-9a-f]{64}/) != nil)
        let again = try await occ(["partners", "webhook", "set", "--partner", partner, "--url", "http://hooks.example.test/v2"])
        #expect(again.stdout == "partner \(partner) webhook http://hooks.example.test/v2\n", "no second secret")

        let rotated = try await occ(["partners", "webhook", "rotate", "--partner", partner, "--overlap-hours", "2"])
        #expect(rotated.status == 0, "\(rotated.stderr)")
        #expect(rotated.stdout.hasPrefix("whsec_") && !rotated.stdout.contains(secret))
        let shown = try await occ(["partners", "webhook", "show", "--partner", partner])
        let shownLines = shown.stdout.split(separator: "\n")
        #expect(shownLines.first == "http://hooks.example.test/v2\tenabled")
        #expect(shownLines.count == 3 && shownLines[1].hasSuffix("current") && shownLines[2].contains("expires"))
        #expect(!shown.stdout.contains("whsec_"))

        let tested = try await occ(["partners", "webhook", "test", "--partner", partner])
        #expect(tested.status == 0, "\(tested.stderr)")
        let event = tested.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await Self.count(pool, "SELECT count(*) FROM occ_jobs WHERE kind = 'deliver_webhook' AND queue = 'webhooks'") == 1)
        #expect(try await occ(["partners", "webhook", "deliveries"]).stdout.isEmpty, "no dead letters yet")
        let pending = try await occ(["partners", "webhook", "deliveries", "--partner", partner, "--state", "pending"])
        #expect(pending.stdout.hasPrefix("\(event)\tpartner \(partner)\twebhook.test\tpending\tattempts 0"))

        try await pool.query(PostgresQuery("test_dead", "UPDATE webhook_events SET state = 'dead', dead_at = now(), last_error = 'HTTP 500'"))
        try await pool.query(PostgresQuery("test_clear", "DELETE FROM occ_jobs"))
        #expect(try await occ(["partners", "webhook", "deliveries"]).stdout.contains("\(event)\tpartner \(partner)\twebhook.test\tdead"))
        let retried = try await occ(["partners", "webhook", "retry", "--partner", partner])
        #expect(retried.stdout == "\(event)\n", "\(retried.stderr)")
        #expect(try await Self.count(pool, "SELECT count(*) FROM webhook_events WHERE state = 'pending'") == 1)
        #expect(try await Self.count(pool, "SELECT count(*) FROM occ_jobs WHERE kind = 'deliver_webhook'") == 1)
        #expect(try await occ(["partners", "webhook", "retry", "--partner", partner]).status == 1)

        #expect(try await occ(["partners", "webhook", "disable", "--partner", partner]).status == 0)
        #expect(try await occ(["partners", "webhook", "disable", "--partner", partner]).status == 1)
        #expect(try await occ(["partners", "webhook", "test", "--partner", partner]).status == 1)
        #expect(try await Self.count(pool, "SELECT count(*) FROM audit_log WHERE action LIKE 'webhook.%'") == 5)
        await pool.close()
    }

    @Test("bad input is a usage error or a refusal, and changes nothing")
    func refusals() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: db.conninfo(as: .operator)) }
        let https = try await occ(["partners", "webhook", "set", "--partner", "1", "--url", "https://hooks.example.test/"])
        #expect(https.status == 64)
        #expect(https.stderr.contains("https URLs are not supported"))
        #expect(try await occ(["partners", "webhook", "set", "--partner", "x", "--url", "http://a.test/"]).status == 64)
        let unknown = try await occ(["partners", "webhook", "set", "--partner", "999", "--url", "http://a.test/"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no partner with id 999"))
        #expect(try await occ(["partners", "webhook", "rotate", "--partner", "999"]).status == 1)
        #expect(try await occ(["partners", "webhook", "deliveries", "--state", "lost"]).status == 64)
        #expect(try await occ(["partners", "webhook", "retry", "--partner", "1", "--event", "nope"]).status == 64)
        #expect(try await Self.count(pool, "SELECT count(*) FROM webhook_endpoints") == 0)
        await pool.close()
    }

    static func count(_ pool: PostgresPool, _ sql: String) async throws -> Int {
        try await pool.query(PostgresQuery("test_count", sql)).single?.decode(Int.self, at: 0) ?? 0
    }
}
