import Postgres

/// Statements on `partner_notes` and the screen's terms. Agency-facing: each filters by agency as
/// well as relying on row-level security.
enum PartnerNoteQueries {
    static let hold = PostgresQuery(
        "partner_notes_hold",
        "INSERT INTO partner_notes (outcome_id, agency_code, author_officer) VALUES ($1, $2, $3)")
    /// The agency's notes awaiting a second officer, oldest first, for the reviewers to read.
    static let heldForAgency = PostgresQuery(
        "partner_notes_held_for_agency",
        """
        SELECT n.outcome_id, o.tasking_id, o.partner_note, o.recorded_by, o.recorded_at
        FROM partner_notes n JOIN outcomes o ON o.id = n.outcome_id
        WHERE n.agency_code = $1 AND n.state = 'held'
        ORDER BY o.recorded_at, n.outcome_id
        LIMIT 500
        """)
    /// The note of an outcome on the agency's tasking, locked for a decision.
    static let lockForAgency = PostgresQuery(
        "partner_notes_lock_for_agency",
        """
        SELECT n.state, n.author_officer, o.partner_note, r.trace_id
        FROM partner_notes n JOIN outcomes o ON o.id = n.outcome_id
        JOIN taskings t ON t.id = o.tasking_id JOIN referrals r ON r.id = t.referral_id
        WHERE n.outcome_id = $1 AND o.tasking_id = $2 AND n.agency_code = $3
        FOR UPDATE OF n
        """)
    /// Approves or refuses a held note; the row's checks refuse the author as decider.
    static let decide = PostgresQuery(
        "partner_notes_decide",
        """
        UPDATE partner_notes SET state = $2, decided_by_officer = $3, decided_at = now()
        WHERE outcome_id = $1 AND agency_code = $4 AND state = 'held'
        """)
    /// What a note on this tasking is screened against (nothing unless it is the agency's).
    static let screenTerms = PostgresQuery(
        "note_screen_terms", "SELECT category, kind, term FROM occ_note_screen_terms($1)")
}
