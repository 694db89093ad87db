import Domain
import FeedbackApp
import Foundation
import Postgres
import Queue
import ServiceKit
import Testing

/// Deliveries to a real receiver on loopback (`WebhookReceiver`), through the feedback service's
/// worker running as deployed (its own login). Retry delays are milliseconds here (settings), and
/// every wait is for an observable state, never for time.
@Suite("Webhooks: signed, retried, dead-lettered, limited per partner", .serialized)
struct WebhookDeliveryTests {
    static func settings(window: Duration = .seconds(120), partnerConcurrency: Int = 2, allowLoopback: Bool = true) -> WebhookSettings {
        WebhookSettings(
            partnerConcurrency: partnerConcurrency, timeout: .seconds(30),
            retry: WebhookRetryPolicy(firstDelay: .milliseconds(20), maxDelay: .milliseconds(100), window: window),
            allowLoopback: allowLoopback, partnerBusyDelay: .milliseconds(50))
    }

    /// How long a test waits for deliveries. Generous: with six suites sharing two cores the
    /// worker's one-second polls for due retries were seen to take over a minute in all; a
    /// working delivery arrives in seconds, only a broken one waits this long.
    static let patience: Duration = .seconds(180)

    /// A partner with a `partner:webhooks` key.
    static func partner(_ harness: PipelineHarness, _ name: String = "Hooked Telco") async throws -> TestPartner {
        let record = try await PartnerRegistry(pool: harness.pool).add(name: name, sector: .telco)
        let key = try await APIKeyRegistry(pool: harness.pool).issue(owner: .partner(id: record.id), scopes: [.partnerWebhooks, .partnerFeedback])
        return TestPartner(id: record.id, token: key.token)
    }

    /// Registers `url` over the partner API; returns the secret shown on first registration.
    static func register(_ harness: PipelineHarness, _ partner: TestPartner, url: String) async throws -> String? {
        let answer = try await harness.call(harness.feedback.router, .put, "/v1/webhooks", token: partner.token, body: #"{"url": "\#(url)"}"#)
        #expect(answer.status == 201 || answer.status == 200, "\(answer.text)")
        return answer.json["secret"]?.stringValue
    }

    /// Raises `count` events for the partner as any service would: inside a transaction of the
    /// feedback login.
    @discardableResult
    static func raise(_ harness: PipelineHarness, _ partner: TestPartner, count: Int, type: String = "request.raised") async throws -> [UUID] {
        let type = try #require(WebhookEventType(rawValue: type))
        let events = try (0..<count).map { index in
            try WebhookEvent(id: UUID(), partnerID: partner.id, type: type, payload: ["n": index])
        }
        let raiser = WebhookEvents(queue: JobQueue(pool: harness.feedback.pool))
        return try await harness.feedback.pool.transaction { try await raiser.enqueue(events, on: $0) }
    }

    /// Each event's state, attempts and last error, for failure messages.
    static func states(_ harness: PipelineHarness) async throws -> String {
        try await harness.text("""
            SELECT string_agg(format('%s %s attempts=%s status=%s error=%s', id, state, attempts, last_status, last_error), E'\n')
            FROM webhook_events
            """) ?? ""
    }

    @Test("a receiver answering 500 three times then 200: every event arrives once, every signature verifies")
    func retriedUntilAccepted() async throws {
        try await PipelineHarness.with(webhooks: Self.settings()) { harness in
            let partner = try await Self.partner(harness)
            let receiver = try WebhookReceiver(failFirst: 3)
            let secret = try #require(try await Self.register(harness, partner, url: receiver.url))
            #expect(secret.hasPrefix("whsec_"))
            receiver.hold(secrets: [secret])
            let ids = try await Self.raise(harness, partner, count: 4)
            #expect(ids.count == 4)
            let delivered = try await harness.eventually(timeout: Self.patience) { receiver.received.accepted.count == 4 }
            #expect(delivered)
            let received = receiver.received
            #expect(Set(received.accepted.keys) == Set(ids.map { $0.uuidString.lowercased() }))
            #expect(received.accepted.values.allSatisfy { $0 == 1 })
            #expect(received.requests == 7)
            #expect(received.badSignatures == 0)
            #expect(received.data.values.allSatisfy { $0["n"] != nil })
            let settled = try await harness.eventually(timeout: Self.patience) {
                try await harness.count("SELECT count(*) FROM webhook_events WHERE state = 'delivered' AND sending_until IS NULL") == 4
            }
            let states = try await Self.states(harness)
            #expect(settled, "\(states)")
            #expect(try await harness.count("SELECT sum(attempts) FROM webhook_events") == 7)
            #expect(try await harness.count("SELECT count(*) FROM webhook_events WHERE payload <> 'null'::jsonb") == 0, "payloads dropped once delivered")
            // Raising an event id again is a no-op: it is stored and sent once.
            let again = try await harness.feedback.pool.transaction { connection in
                try await WebhookEvents(queue: JobQueue(pool: harness.feedback.pool)).enqueue(
                    try WebhookEvent(id: ids[0], partnerID: partner.id, type: .test, payload: ["n": 0]), on: connection)
            }
            #expect(!again)
            try await receiver.stop()
        }
    }

    @Test("a receiver down for the whole window leaves dead letters, listed to the partner; retry delivers them")
    func deadLettersThenRetry() async throws {
        try await PipelineHarness.with(webhooks: Self.settings(window: .milliseconds(600))) { harness in
            let partner = try await Self.partner(harness)
            let secret = try #require(try await Self.register(harness, partner, url: WebhookReceiver.url(port: try WebhookReceiver.closedPort())))
            let ids = try await Self.raise(harness, partner, count: 2)
            let dead = try await harness.eventually(timeout: Self.patience) { try await harness.count("SELECT count(*) FROM webhook_events WHERE state = 'dead'") == 2 }
            #expect(dead)
            let listed = try await harness.call(harness.feedback.router, .get, "/v1/webhooks/deliveries?state=dead", token: partner.token)
            #expect(listed.status == 200)
            let deliveries = listed.json["deliveries"]?.arrayValue ?? []
            #expect(Set(deliveries.compactMap { $0["event_id"]?.stringValue }) == Set(ids.map { $0.uuidString.lowercased() }))
            #expect(deliveries.allSatisfy { ($0["attempts"]?.intValue ?? 0) >= 1 && $0["last_error"]?.stringValue?.contains("refused") == true },
                    "\(listed.text)")

            let receiver = try WebhookReceiver(secrets: [secret])
            #expect(try await Self.register(harness, partner, url: receiver.url) == nil, "the secret is kept when the url changes")
            // One by the partner's API, the other by the operator's path (what `occ partners webhook retry` runs).
            let retried = try await harness.call(
                harness.feedback.router, .post, "/v1/webhooks/deliveries/\(ids[0].uuidString.lowercased())/retry", token: partner.token)
            #expect(retried.status == 202)
            #expect(try await WebhookRegistry(pool: harness.pool).retry(partnerID: partner.id) == [ids[1]])
            let delivered = try await harness.eventually(timeout: Self.patience) { receiver.received.accepted.count == 2 }
            #expect(delivered)
            #expect(receiver.received.accepted.values.allSatisfy { $0 == 1 })
            #expect(receiver.received.badSignatures == 0)
            let again = try await harness.call(
                harness.feedback.router, .post, "/v1/webhooks/deliveries/\(ids[0].uuidString.lowercased())/retry", token: partner.token)
            #expect(again.status == 404)
            try await receiver.stop()
        }
    }

    @Test("without the loopback allowance a loopback endpoint is refused after resolution and never contacted")
    func loopbackRefused() async throws {
        try await PipelineHarness.with(webhooks: Self.settings(allowLoopback: false)) { harness in
            let partner = try await Self.partner(harness)
            let receiver = try WebhookReceiver()
            _ = try await Self.register(harness, partner, url: "http://localhost:\(receiver.port)/hook")
            try await Self.raise(harness, partner, count: 1)
            let refused = try await harness.eventually(timeout: Self.patience) {
                try await harness.text("SELECT last_error FROM webhook_events")?.contains("loopback") == true
            }
            #expect(refused)
            #expect(receiver.received.requests == 0)
            try await receiver.stop()
        }
    }

    @Test("no more than the partner's limit of requests is in flight; the rest wait and are delivered after")
    func partnerConcurrencyLimit() async throws {
        try await PipelineHarness.with(webhooks: Self.settings(partnerConcurrency: 2)) { harness in
            let partner = try await Self.partner(harness)
            let receiver = try WebhookReceiver(holdRequests: true)
            receiver.hold(secrets: [try #require(try await Self.register(harness, partner, url: receiver.url))])
            try await Self.raise(harness, partner, count: 5)
            // Two requests are held in flight, and the other three deliveries have been turned
            // away for want of a slot (snoozed), not merely left unclaimed.
            let saturated = try await harness.eventually(timeout: Self.patience) {
                let waiting = try await harness.count("SELECT count(*) FROM occ_jobs WHERE kind = 'deliver_webhook' AND state = 'scheduled'")
                return receiver.received.inFlight == 2 && waiting == 3
            }
            #expect(saturated)
            #expect(receiver.received.maxInFlight == 2)
            receiver.release()
            let delivered = try await harness.eventually(timeout: Self.patience) { receiver.received.accepted.count == 5 }
            #expect(delivered)
            #expect(receiver.received.maxInFlight == 2)
            try await receiver.stop()
        }
    }

    @Test("a rotation signs with both secrets during the overlap; afterwards with the new one only")
    func rotation() async throws {
        try await PipelineHarness.with(webhooks: Self.settings()) { harness in
            let partner = try await Self.partner(harness)
            let receiver = try WebhookReceiver()
            let old = try #require(try await Self.register(harness, partner, url: receiver.url))
            let rotated = try await harness.call(harness.feedback.router, .post, "/v1/webhooks/secret", token: partner.token,
                                                 body: #"{"overlap_seconds": 3600}"#)
            #expect(rotated.status == 201)
            let new = try #require(rotated.json["secret"]?.stringValue)
            #expect(new != old)
            receiver.hold(secrets: [old])
            #expect(try await harness.call(harness.feedback.router, .post, "/v1/webhooks/test", token: partner.token).status == 202)
            #expect(try await harness.eventually(timeout: Self.patience) { receiver.received.accepted.count == 1 })
            receiver.hold(secrets: [new])
            #expect(try await harness.call(harness.feedback.router, .post, "/v1/webhooks/test", token: partner.token).status == 202)
            #expect(try await harness.eventually(timeout: Self.patience) { receiver.received.accepted.count == 2 })
            #expect(receiver.received.signatureHeaders.allSatisfy { $0.components(separatedBy: "v1=").count == 3 })

            let shown = try await harness.call(harness.feedback.router, .get, "/v1/webhooks", token: partner.token)
            #expect(shown.json["secrets"]?.arrayValue?.count == 2)
            #expect(!shown.text.contains("whsec_"), "secrets are never shown again")
            let final = try await harness.call(harness.feedback.router, .post, "/v1/webhooks/secret", token: partner.token,
                                               body: #"{"overlap_seconds": 0}"#)
            let newest = try #require(final.json["secret"]?.stringValue)
            receiver.hold(secrets: [newest])
            #expect(try await harness.call(harness.feedback.router, .post, "/v1/webhooks/test", token: partner.token).status == 202)
            #expect(try await harness.eventually(timeout: Self.patience) { receiver.received.accepted.count == 3 })
            #expect(receiver.received.signatureHeaders.last?.components(separatedBy: "v1=").count == 2)
            #expect(receiver.received.badSignatures == 0)
            try await receiver.stop()
        }
    }

    @Test("the webhook API needs partner:webhooks; a bad url or state is refused naming the field, changing nothing")
    func apiRefusals() async throws {
        try await PipelineHarness.with(webhooks: Self.settings()) { harness in
            let plain = try await harness.partner("Feedback Only", .tech)
            #expect(try await harness.call(harness.feedback.router, .get, "/v1/webhooks", token: plain.token).status == 403)
            let partner = try await Self.partner(harness)
            #expect(try await harness.call(harness.feedback.router, .get, "/v1/webhooks", token: partner.token).status == 404)
            for url in ["https://example.com/hook", "http://user:pw@example.com/", "not a url"] {
                let refused = try await harness.call(harness.feedback.router, .put, "/v1/webhooks", token: partner.token, body: #"{"url": "\#(url)"}"#)
                #expect(refused.status == 422)
                #expect(refused.json["errors"]?.arrayValue?.first?["field"]?.stringValue == "url")
            }
            #expect(try await harness.count("SELECT count(*) FROM webhook_endpoints") == 0)
            let badState = try await harness.call(harness.feedback.router, .get, "/v1/webhooks/deliveries?state=lost", token: partner.token)
            #expect(badState.status == 400)
            #expect(try await harness.call(harness.feedback.router, .post, "/v1/webhooks/test", token: partner.token).status == 404)
            #expect(try await Self.raise(harness, partner, count: 1).isEmpty, "no endpoint, no events")
        }
    }
}
