import Domain
import Foundation
import HTTP

/// One POST of one event, as taken from the database: where, signed with what, and the body.
struct WebhookAttempt: Sendable {
    let eventID: UUID
    let partnerID: Int64
    let type: String
    let url: WebhookURL
    /// Active secrets, newest first.
    let secrets: [String]
    /// 1 on the first delivery attempt.
    let number: Int
    let windowOpened: Date
    let body: [UInt8]

    /// The JSON body: the envelope around the payload stored with the event. Every value spliced
    /// in is a uuid, a checked event type, a formatted timestamp or a number; the payload is
    /// PostgreSQL's own jsonb text.
    static func body(id: UUID, type: String, partnerID: Int64, createdAt: Date, payload: String) -> [UInt8] {
        let envelope = #"{"id":"\#(id.uuidString.lowercased())","type":"\#(type)","created_at":"\#(Timestamp.format(createdAt))","#
            + #""partner_id":"\#(partnerID)","data":\#(payload)}"#
        return Array(envelope.utf8)
    }

    /// The request headers, signed at `now`.
    func headers(now: Date) -> HTTPHeaders {
        [
            "Host": url.hostHeader,
            "Content-Type": "application/json",
            "User-Agent": "occ-webhooks/1",
            "Connection": "close",
            "OCC-Event-Id": eventID.uuidString.lowercased(),
            "OCC-Event-Type": type,
            "OCC-Delivery-Attempt": String(number),
            WebhookSignature.headerName: WebhookSignature.header(body: body, secrets: secrets.map { Array($0.utf8) }, timestamp: now),
        ]
    }
}
