/// Outcomes no longer close a tasking: many are recorded over time (disruption, charge,
/// conviction, recovery) and an officer closes the tasking by an explicit decision, whose reason
/// and author are kept with it. Taskings an outcome had closed before keep that, with a reason
/// saying so. An outcome may carry the client's `Idempotency-Key`, unique per tasking, so a
/// retried request is refused rather than recorded twice (closing no longer does that).
/// The work list gets an index in its paging order.
enum Migration0013OutcomeLifecycle {
    static let sql = """
        ALTER TABLE taskings
            ADD COLUMN closed_reason text CHECK (length(closed_reason) BETWEEN 1 AND 500),
            ADD COLUMN closed_by text;
        UPDATE taskings SET closed_reason = 'closed by its outcome (before migration 13)', closed_by = 'exchange'
        WHERE status = 'closed';
        ALTER TABLE taskings ADD CONSTRAINT taskings_closed_with_reason
            CHECK ((status = 'closed') = (closed_reason IS NOT NULL AND closed_at IS NOT NULL));

        ALTER TABLE outcomes ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 200);
        -- The work list (GET /v1/taskings) pages in this order.
        CREATE INDEX taskings_agency_worklist ON taskings (agency_code, priority, sla_deadline, id);

        CREATE UNIQUE INDEX outcomes_idempotency ON outcomes (tasking_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

        GRANT UPDATE (closed_reason, closed_by) ON taskings TO occ_agency_api;
        """
}
