import Domain
import FeedbackApp
import Foundation
import ServiceKit
import Testing

/// Released feedback reaches partners with an endpoint as `feedback.released` events carrying
/// exactly the item the pull API returns; partners without one get nothing pushed.
@Suite("Webhooks: released feedback is pushed, signed", .serialized)
struct WebhookFeedbackTests {
    @Test("an outcome's released item arrives at the bank's endpoint as the pull API shows it; the telco, without one, gets no event")
    func releasedFeedbackIsPushed() async throws {
        try await PipelineHarness.with(server: .feeds, webhooks: WebhookDeliveryTests.settings()) { harness in
            let scenario = try await Scenario.run(harness)
            let receiver = try WebhookReceiver()
            let key = try await APIKeyRegistry(pool: harness.pool).issue(owner: .partner(id: scenario.bank.id), scopes: [.partnerWebhooks])
            let bank = TestPartner(id: scenario.bank.id, token: key.token)
            receiver.hold(secrets: [try #require(try await WebhookDeliveryTests.register(harness, bank, url: receiver.url))])

            let ftc = try await harness.agencyToken("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            #expect(try await harness.recordOutcome(agency: ftc, tasking: tasking, PipelineHarness.disruptedOutcome).status == 201)
            let arrived = try await harness.eventually(timeout: WebhookDeliveryTests.patience) { receiver.received.accepted.count == 1 }
            #expect(arrived)
            let received = receiver.received
            #expect(received.types.values.allSatisfy { $0 == "feedback.released" })
            let pulled = try #require(try await harness.feedbackItems(scenario.bank).json["items"]?.arrayValue?.first)
            #expect(received.data.values.first == pulled)
            #expect(received.badSignatures == 0)
            #expect(try await harness.count("SELECT count(*) FROM webhook_events WHERE partner_id <> $1", scenario.bank.id) == 0)
            #expect(try await harness.count("SELECT count(*) FROM feedback_items WHERE partner_id = $1", scenario.telco.id) == 1)
            try await receiver.stop()
        }
    }
}
