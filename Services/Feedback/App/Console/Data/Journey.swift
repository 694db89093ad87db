import Domain
import Foundation
import Postgres
import ServiceKit

/// One referral's timeline, read for an officer with the purpose they stated; the read and its
/// audit event (`console.journey_viewed`, with the officer and purpose) commit together, so no
/// journey is shown unrecorded.
struct Journey: Sendable {
    struct Event: Sendable, Hashable {
        let at: Date
        let event: String
        let detail: String
    }

    let referral: UUID
    let events: [Event]

    /// The journey, or nil (nothing read, nothing audited) for an unknown referral.
    static func load(
        _ referral: UUID, purpose: Purpose, session: ConsoleSessionRecord, traceID: String, pool: PostgresPool
    ) async throws -> Journey? {
        try await pool.transaction { connection in
            guard let partner = try await connection.query(JourneyQueries.partner.binding(referral)).single?.decode(Int64.self, "partner_id")
            else { return nil }
            try await connection.scopeToPartner(partner)
            let events = try await connection.query(JourneyQueries.events.binding(referral)).map { row in
                Event(at: try row.decode(Date.self, "at"), event: try row.decode(String.self, "event"), detail: try row.decode(String.self, "detail"))
            }
            try await AuditLog.append(AuditEvent(
                actor: session.actor, action: "console.journey_viewed", subjectType: "referral", subjectID: referral.uuidString.lowercased(),
                traceID: traceID, officer: session.officerID, purpose: purpose.text, detail: ["session": String(session.id)]), on: connection)
            return Journey(referral: referral, events: events)
        }
    }
}
