import Domain
import Foundation
import HTTP
import Postgres
import Queue
import ServiceKit

extension AgencyAPI {
    /// What deciding on a note answers.
    struct NoteDecision: Encodable, Sendable {
        let outcomeID: Int64
        let state: String

        private enum CodingKeys: String, CodingKey {
            case state
            case outcomeID = "outcome_id"
        }
    }

    /// `GET /v1/notes`: the agency's notes for partners awaiting a second officer, with their
    /// text, so a reviewer reads what they release. Audited like a list (`partner_note.listed`).
    func heldNotes(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.optionalPurpose()
        let notes = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            let notes = try await connection.query(PartnerNoteQueries.heldForAgency.binding(officer.agency)).map(HeldNote.init(row:))
            try await AuditLog.append(officer.event(
                "partner_note.listed", subjectType: "agency", subjectID: officer.agency, purpose: purpose,
                detail: ["count": String(notes.count)]), on: connection)
            return notes
        }
        return try Response.json(["notes": notes])
    }

    /// `POST /v1/taskings/{id}/outcomes/{outcome_id}/note/approve` and `…/refuse`: a second officer
    /// of the agency, never the author, releases or refuses a held note. Approval screens the note
    /// again (the network may have grown) and enqueues a delivery that carries it.
    func decideNote(_ request: Request, approve: Bool) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        let taskingID = try request.taskingID()
        guard let outcomeID = request.parameters["outcome_id"].flatMap(Int64.init) else {
            throw HTTPError(.notFound, detail: "no such outcome on this tasking")
        }
        if approve, let hits = try await screenHits(noteOf: outcomeID, tasking: taskingID, officer: officer), !hits.isEmpty {
            try await auditScreenRefusal(hits, tasking: taskingID, outcomeID: outcomeID, officer: officer, purpose: purpose)
            throw Self.screenProblem(hits, field: "partner_note")
        }
        let decision = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            guard let note = try await connection.query(PartnerNoteQueries.lockForAgency.binding(outcomeID, taskingID, officer.agency)).single else {
                throw HTTPError(.notFound, detail: "no note awaiting release on this outcome of this tasking")
            }
            let state = try note.decode(String.self, "state")
            guard state == "held" else { throw HTTPError(.conflict, detail: "the note is already \(state)") }
            guard try note.decode(Int64.self, "author_officer") != officer.id else {
                throw HTTPError(.forbidden, detail: "a second officer of the agency must decide on a note; its author may not")
            }
            let newState = approve ? "approved" : "refused"
            try await connection.query(PartnerNoteQueries.decide.binding(outcomeID, newState, officer.id, officer.agency))
            let traceID = try note.decode(String.self, "trace_id")
            if approve {
                try await queue.enqueue(
                    DeliverFeedback(outcomeID: outcomeID),
                    options: InsertOptions(queue: DeliverFeedback.queue, metadata: ["trace_id": traceID]), on: connection)
            }
            try await AuditLog.append(officer.event(
                "partner_note.\(newState)", subjectType: "outcome", subjectID: String(outcomeID), traceID: traceID, purpose: purpose,
                detail: ["tasking_id": taskingID.uuidString.lowercased()]), on: connection)
            return NoteDecision(outcomeID: outcomeID, state: newState)
        }
        return try Response.json(decision)
    }

    /// The screen's hits for `note` on this agency's tasking; nil when the tasking is not the agency's.
    func screenHits(_ note: String, tasking: UUID, officer: CallingOfficer) async throws -> [NoteScreenHit]? {
        let rows = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            guard try await connection.query(TaskingQueries.summaryForAgency.binding(tasking, officer.agency)).single != nil else {
                return nil as PostgresRows?
            }
            return try await connection.query(PartnerNoteQueries.screenTerms.binding(tasking))
        }
        guard let rows else { return nil }
        var indicators: [NoteScreenTerms.Indicator] = []
        var names: [String: [String]] = [:]
        for row in rows {
            let category = try row.decode(String.self, "category")
            let term = try row.decode(String.self, "term")
            if category == "indicator" {
                indicators.append(.init(kind: try row.decode(String?.self, "kind") ?? "", value: term))
            } else {
                names[category, default: []].append(term)
            }
        }
        let terms = NoteScreenTerms(
            indicators: indicators, partnerNames: names["partner"] ?? [], operationNames: names["operation"] ?? [],
            institutionNames: names["institution"] ?? [])
        return NoteScreen.screen(note, terms: terms, recordedYear: Int(Timestamp.format(Date()).prefix(4)) ?? 2000)
    }

    /// The stored note of an outcome on the agency's tasking, screened; nil when there is none.
    private func screenHits(noteOf outcomeID: Int64, tasking: UUID, officer: CallingOfficer) async throws -> [NoteScreenHit]? {
        let note = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            return try await connection.query(PartnerNoteQueries.lockForAgency.binding(outcomeID, tasking, officer.agency)).single?
                .decode(String?.self, "partner_note")
        }
        guard let note else { return nil }
        return try await screenHits(note, tasking: tasking, officer: officer)
    }

    /// A refusal by the screen is audited on its own (the request itself changes nothing): the
    /// categories and count of hits, never the matched words.
    func auditScreenRefusal(
        _ hits: [NoteScreenHit], tasking: UUID, outcomeID: Int64?, officer: CallingOfficer, purpose: Purpose
    ) async throws {
        var detail = [
            "tasking_id": tasking.uuidString.lowercased(), "hits": String(hits.count),
            "categories": Set(hits.map(\.category.rawValue)).sorted().joined(separator: ","),
        ]
        if let outcomeID { detail["outcome_id"] = String(outcomeID) }
        _ = try await pool.transaction { connection in
            try await AuditLog.append(officer.event(
                "partner_note.screen_refused", subjectID: tasking.uuidString.lowercased(), purpose: purpose, detail: detail), on: connection)
        }
    }

    /// 422 naming each hit under `field` (`partner_note`, `rationale`).
    static func screenProblem(_ hits: [NoteScreenHit], field: String) -> HTTPError {
        HTTPError(.unprocessableContent, detail: "the \(field) may not be released to partners: \(hits.count) problem(s) found",
                  errors: hits.map { Problem.FieldError(field: field, message: $0.message) })
    }
}
