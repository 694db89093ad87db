import Domain
import Foundation
import Postgres

/// A tasking as its agency reads it in detail (`GET /v1/taskings/{id}`, audited with the officer
/// and purpose): the summary's fields plus the referral's canonical content, its lawful gateway
/// and the partner's notices: `withdrawal` (why and when) and `corrections` (docs/withdraw.md).
struct TaskingView: Encodable, Sendable {
    let tasking: TaskingSummary
    let summary: String?
    let indicators: [CanonicalIndicator]
    let markings: HandlingMarkings
    let gateway: GatewayView
    let withdrawal: Withdrawal?
    /// Indicators the partner took out of the referral, and why (`reason`, `removed`, `corrected_at`).
    let corrections: JSONValue
    /// The referral's trace id, for the audit event; not part of the response.
    let traceID: String

    init(row: PostgresRow) throws {
        let referral = try JSONDecoder().decode(ValidReferral.self, from: Data(try row.decode(String.self, "canonical").utf8))
        tasking = try TaskingSummary(row: row)
        summary = referral.summary
        indicators = referral.indicators
        markings = referral.markings
        gateway = try GatewayView(row: row)
        corrections = try JSONValue(parsing: Data(try row.decode(String.self, "corrections").utf8))
        withdrawal = try row.decode(Date?.self, "withdrawn_at").map { Withdrawal(reason: try row.decode(String.self, "withdrawn_reason"), at: $0) }
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
        try container.encodeIfPresent(withdrawal, forKey: .withdrawal)
        try container.encode(corrections, forKey: .corrections)
    }

    private enum CodingKeys: String, CodingKey {
        case summary, indicators, markings, gateway, withdrawal, corrections
    }

    /// The partner withdrew the referral: routing stopped and its links were removed.
    struct Withdrawal: Encodable, Sendable {
        let reason: String
        let at: Date

        private enum CodingKeys: String, CodingKey {
            case reason
            case at = "withdrawn_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reason, forKey: .reason)
            try container.encode(Timestamp.format(at), forKey: .at)
        }
    }
}
