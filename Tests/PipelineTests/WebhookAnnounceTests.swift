import Domain
import FeedbackApp
import Foundation
import ServiceKit
import Testing

/// Requests, RFIs, withdrawals and corrections reach the partners entitled to hear them as
/// signed webhook events, raised in the transaction of the change: once each, with a stable id,
/// carrying what the pull APIs show that partner; a refused change raises nothing.
@Suite("Webhooks: requests, RFIs, withdrawals and corrections are announced", .serialized)
struct WebhookAnnounceTests {
    /// A receiver holding the partner's secret, registered as its endpoint.
    static func hook(_ harness: PipelineHarness, _ partner: TestPartner) async throws -> WebhookReceiver {
        let receiver = try WebhookReceiver()
        let key = try await APIKeyRegistry(pool: harness.pool).issue(owner: .partner(id: partner.id), scopes: [.partnerWebhooks])
        receiver.hold(secrets: [try #require(try await WebhookDeliveryTests.register(
            harness, TestPartner(id: partner.id, token: key.token), url: receiver.url))])
        return receiver
    }

    @Test("a request reaches its addressee and an RFI its referrer; a withdrawal and a correction reach the submitting partner; each once, signed")
    func announced() async throws {
        try await PipelineHarness.with(server: .feeds, webhooks: WebhookDeliveryTests.settings()) { harness in
            let scenario = try await Scenario.run(harness)
            let telcoHook = try await Self.hook(harness, scenario.telco)
            let bankHook = try await Self.hook(harness, scenario.bank)
            let ftc = try await harness.officer("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc.token, referral: scenario.bankReferral))
            let tasks = harness.tasking.router, feeds = harness.feedback.router

            // Refused: nothing stored, nothing raised.
            let refused = try await harness.call(tasks, .post, "/v1/taskings/\(tasking)/requests", token: ftc.token,
                                                 body: PursueTests.PartnerRequestTests.blockNumber(deadline: "2020-01-01T00:00:00Z"), purpose: "disruption")
            #expect(refused.status == 422)
            #expect(try await harness.count("SELECT count(*) FROM webhook_events") == 0)

            // The request goes to the telco alone (it referred the number), so only the telco hears of it.
            let raised = try await harness.call(tasks, .post, "/v1/taskings/\(tasking)/requests", token: ftc.token,
                                                body: PursueTests.PartnerRequestTests.blockNumber(), purpose: "disrupting the number")
            #expect(raised.status == 201)
            let requestID = try #require(raised.json["id"]?.intValue)
            let asked = try await harness.call(tasks, .post, "/v1/taskings/\(tasking)/rfis", token: ftc.token,
                                               body: #"{"question": "When did the first payment leave the victim's account?"}"#, purpose: "enquiry")
            #expect(asked.status == 201)
            let rfiID = try #require(asked.json["id"]?.intValue)

            try await TAXIIServers.with(harness) { servers in
                let path = "/v1/referrals/\(scenario.bankReferral.uuidString.lowercased())/corrections"
                let corrected = try await TAXIIServers.once(servers.intakePort, .post, path, headers: [
                    "Authorization": "Bearer \(scenario.bank.token)", "Content-Type": "application/json"],
                    body: Array(#"{"reason": "The IBAN was mistyped.", "remove": ["iban:GB29NWBK60161331926819"]}"#.utf8))
                #expect(corrected.status == .ok, "\(corrected.text)")
                let withdrawn = try await servers.withdraw(scenario.bank, scenario.bankReferral)
                #expect(withdrawn.status == .ok)
                #expect(try await servers.withdraw(scenario.bank, scenario.bankReferral).status == .conflict, "a refused withdrawal raises nothing")

                let telcoEvent = WebhookEvent.id(for: .requestRaised, source: "partner_request:\(requestID):partner:\(scenario.telco.id)")
                let rfiEvent = WebhookEvent.id(for: .rfiAsked, source: "partner_rfi:\(rfiID)")
                let withdrawalEvent = WebhookEvent.id(for: .referralWithdrawn, source: "referral:\(scenario.bankReferral.uuidString.lowercased())")
                let correctionID = try #require(try TAXIIRouteTests.json(corrected)["correction_id"]?.intValue)
                let correctionEvent = WebhookEvent.id(for: .referralCorrected, source: "referral_correction:\(correctionID)")
                let bankEvents = [rfiEvent, withdrawalEvent, correctionEvent].map { $0.uuidString.lowercased() }
                let arrived = try await harness.eventually(timeout: WebhookDeliveryTests.patience) {
                    telcoHook.received.accepted.count == 1 && bankHook.received.accepted.count == 3
                }
                let states = try await WebhookDeliveryTests.states(harness)
                #expect(arrived, "\(states)")
                let telco = telcoHook.received, bank = bankHook.received
                #expect(telco.accepted == [telcoEvent.uuidString.lowercased(): 1])
                #expect(telco.types.values.allSatisfy { $0 == "request.raised" })
                #expect(Set(bank.accepted.keys) == Set(bankEvents) && bank.accepted.values.allSatisfy { $0 == 1 })
                #expect(bank.types[rfiEvent.uuidString.lowercased()] == "rfi.asked")
                #expect(bank.types[withdrawalEvent.uuidString.lowercased()] == "referral.withdrawn")
                #expect(bank.types[correctionEvent.uuidString.lowercased()] == "referral.corrected")
                #expect(telco.badSignatures == 0 && bank.badSignatures == 0)

                // Each payload is what that partner's own API shows it.
                let inbox = try await harness.call(feeds, .get, "/v1/requests", token: scenario.telco.token)
                #expect(telco.data[telcoEvent.uuidString.lowercased()] == inbox.json["items"]?.arrayValue?.first)
                let rfis = try await harness.call(feeds, .get, "/v1/rfis", token: scenario.bank.token)
                #expect(bank.data[rfiEvent.uuidString.lowercased()] == rfis.json["items"]?.arrayValue?.first)
                #expect(bank.data[withdrawalEvent.uuidString.lowercased()] == (try TAXIIRouteTests.json(withdrawn)))
                #expect(bank.data[correctionEvent.uuidString.lowercased()] == (try TAXIIRouteTests.json(corrected)))
                #expect(try await harness.count("SELECT count(*) FROM webhook_events") == 4)
                #expect(try await harness.count("SELECT count(*) FROM webhook_events WHERE state = 'delivered'") == 4)
            }
            try await telcoHook.stop()
            try await bankHook.stop()
        }
    }
}
