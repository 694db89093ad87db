import Domain
import Foundation
import HTTP
import Runtime
import ServiceKit

/// The partner API's handlers; shared parsing and validation live in `IntakeHandlers+Parsing`.
struct IntakeHandlers: Sendable {
    let store: ReferralStore
    let reader: ReferralReader
    let gateways: GatewayCheck
    let lookups: LookupStore
    let withdrawer: ReferralWithdrawer
    let limits: IntakeLimits
    let metrics: MetricsRegistry
    let logger: Logger

    /// `POST /v1/referrals`: 201 stored, 200 replay, 409 conflict, 422 invalid, 400 malformed.
    func submit(_ request: Request) async throws -> Response {
        let partnerID = try Self.partnerID(request)
        try Self.requireJSON(request)
        let json = try Self.parseJSON(try await request.body.collect(upTo: limits.maxReferralBytes))
        let incoming = try validate(json, partnerID: partnerID, channel: .json, traceID: request.context.requestID)
        try await gateways.check(incoming)
        let outcome = try await store.store(incoming)
        count(outcome, channel: .json)
        switch outcome {
        case .created(let receipt):
            return try Response.json(receipt, status: .created, headers: ["Location": "/v1/referrals/\(receipt.id)"])
        case .replayed(let receipt):
            return try Response.json(receipt)
        case .conflict(let receipt):
            throw IntakeError.conflict(partnerReference: incoming.valid.partnerReference, existing: receipt)
        }
    }

    /// `GET /v1/referrals/{id}`: the partner's own referral; anything else is 404.
    func show(_ request: Request) async throws -> Response {
        let partnerID = try Self.partnerID(request)
        guard let text = request.parameters["id"], let id = UUID(uuidString: text),
              let view = try await reader.referral(id: id, partnerID: partnerID)
        else { throw IntakeError.notFound }
        return try Response.json(view)
    }

    /// `GET /v1/referrals?cursor=&since=&limit=`: the partner's referrals in feed order (docs/polling.md).
    func list(_ request: Request) async throws -> Response {
        let partnerID = try Self.partnerID(request)
        let poll = try PollQuery.parse(request, stream: ReferralPage.stream, limits: (default: 100, maximum: limits.maxPageSize))
        return try Response.json(try await reader.page(partnerID: partnerID, poll: poll))
    }

    func count(_ outcome: StoreOutcome, channel: IntakeChannel) {
        let label = switch outcome {
        case .created: "created"
        case .replayed: "replayed"
        case .conflict: "conflict"
        }
        metrics.counter("intake_referrals_total", help: "Referrals submitted, by channel and outcome.",
                        labels: ["channel": channel.rawValue, "outcome": label]).increment()
    }
}
