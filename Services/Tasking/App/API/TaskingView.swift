import Domain
import Foundation
import Postgres

/// A tasking as its agency reads it in detail (`GET /v1/taskings/{id}`, audited with the officer
/// and purpose): the summary's fields plus the referral's canonical content and its lawful gateway.
struct TaskingView: Encodable, Sendable {
    let tasking: TaskingSummary
    let summary: String?
    let indicators: [CanonicalIndicator]
    let markings: HandlingMarkings
    let gateway: GatewayView
    /// The referral's trace id, for the audit event; not part of the response.
    let traceID: String

    init(row: PostgresRow) throws {
        let referral = try JSONDecoder().decode(ValidReferral.self, from: Data(try row.decode(String.self, "canonical").utf8))
        tasking = try TaskingSummary(row: row)
        summary = referral.summary
        indicators = referral.indicators
        markings = referral.markings
        gateway = try GatewayView(row: row)
        traceID = try row.decode(String.self, "trace_id")
    }

    /// One flat object: the summary's members, then the content's.
    func encode(to encoder: any Encoder) throws {
        try tasking.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(summary, forKey: .summary)
        try container.encode(indicators, forKey: .indicators)
        try container.encode(markings, forKey: .markings)
        try container.encode(gateway, forKey: .gateway)
    }

    private enum CodingKeys: String, CodingKey {
        case summary, indicators, markings, gateway
    }
}
