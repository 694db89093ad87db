import Domain
import Foundation
import Postgres
import Queue
import ServiceKit

extension OfficerRequestsAPI {
    /// Tells each addressee with a webhook endpoint that a request arrived (`request.raised`),
    /// with the request as the disclosure decision point shows it to that partner, in the
    /// raising transaction: an event exists if and only if the request does. Run last in the
    /// transaction (it scopes the connection to each partner in turn).
    func announce(_ request: PartnerRequest, traceID: String, on connection: PostgresConnection) async throws {
        let events = try request.addressees.compactMap { partner -> WebhookEvent? in
            guard let partnerID = Int64(partner) else { return nil }
            return try WebhookEvent(
                id: WebhookEvent.id(for: .requestRaised, source: "partner_request:\(request.id):partner:\(partnerID)"),
                partnerID: partnerID, type: .requestRaised, payload: Disclosure.requestView(request, for: partner))
        }
        try await WebhookEvents(queue: JobQueue(pool: pool)).enqueue(events, traceID: traceID, on: connection)
    }

    /// Tells the referrer a question was asked of it (`rfi.asked`), with the RFI as `GET /v1/rfis`
    /// shows it, in the asking transaction.
    func announce(_ rfi: PartnerRFI, traceID: String, on connection: PostgresConnection) async throws {
        guard let partnerID = Int64(rfi.partnerID) else { return }
        let event = try WebhookEvent(
            id: WebhookEvent.id(for: .rfiAsked, source: "partner_rfi:\(rfi.id)"), partnerID: partnerID, type: .rfiAsked,
            payload: rfi.partnerView())
        try await WebhookEvents(queue: JobQueue(pool: pool)).enqueue(event, traceID: traceID, on: connection)
    }
}
