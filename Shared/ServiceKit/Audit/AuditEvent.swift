import Domain
import Foundation

/// One state change for the audit log: who did what to which record, when, under which trace.
public struct AuditEvent: Sendable, Hashable {
    public var occurredAt: Date
    /// `partner:12`, `agency:NCA_TICAT`, `operator`, `service:enrichment`…
    public var actor: String
    /// A dotted verb, e.g. `referral.received`, `api_key.revoked`.
    public var action: String
    public var subjectType: String
    public var subjectID: String
    public var traceID: String?
    /// The officer who acted or read (`officers.id`), for agency actions; `actor` names them too.
    public var officer: Int64?
    /// Why the officer acted or read, as they stated it (`X-Purpose`): DPA 2018 s.62 logging.
    public var purpose: String?
    /// Small facts worth keeping; never secrets or personal data.
    public var detail: [String: String]

    public init(
        actor: String, action: String, subjectType: String, subjectID: String, traceID: String? = nil,
        officer: Int64? = nil, purpose: String? = nil, detail: [String: String] = [:], occurredAt: Date = Date()
    ) {
        self.occurredAt = occurredAt
        self.actor = actor
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.traceID = traceID
        self.officer = officer
        self.purpose = purpose
        self.detail = detail
    }

    /// The exact text that is stored and hashed: canonical JSON, so it depends only on the values.
    /// Absent optional fields are left out, so events without an officer hash as they always did.
    public var canonicalText: String {
        var members: [String: JSONValue] = [
            "occurred_at": .string(Self.timestamp(occurredAt)),
            "actor": .string(actor),
            "action": .string(action),
            "subject_type": .string(subjectType),
            "subject_id": .string(subjectID),
            "detail": .object(detail.mapValues(JSONValue.string)),
        ]
        if let traceID { members["trace_id"] = .string(traceID) }
        if let officer { members["officer"] = .integer(Int(officer)) }
        if let purpose { members["purpose"] = .string(purpose) }
        return JSONValue.object(members).canonicalText
    }

    /// ISO 8601 in UTC with microseconds, the precision PostgreSQL keeps.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
