import Postgres

/// Transfers between teams (migration 15): the move itself through `occ_tasking_transfer`, which
/// alone may hand a row to another agency, and the list both ends read.
enum TransferQueries {
    /// $1 tasking, $2 receiving agency, $3 reason, $4 the officer as the audit log names them.
    static let transfer = PostgresQuery(
        "tasking_transfer",
        "SELECT outcome, transfer_id, from_agency, status_before, trace_id FROM occ_tasking_transfer($1::uuid, $2, $3, $4)")
    static let byID = PostgresQuery(
        "tasking_transfers_by_id",
        "SELECT id, tasking_id, referral_id, from_agency, to_agency, reason, transferred_by, transferred_at FROM tasking_transfers WHERE id = $1")
    /// Transfers into or out of agency $1, newest first, with an id below $2 when not NULL; at most $3.
    static let list = PostgresQuery(
        "tasking_transfers_list",
        """
        SELECT id, tasking_id, referral_id, from_agency, to_agency, reason, transferred_by, transferred_at
        FROM tasking_transfers
        WHERE (from_agency = $1 OR to_agency = $1) AND ($2::bigint IS NULL OR id < $2)
        ORDER BY id DESC
        LIMIT $3
        """)
}
