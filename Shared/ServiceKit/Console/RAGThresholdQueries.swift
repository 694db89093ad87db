import Postgres

/// Statements on `rag_thresholds` and `console_settings`.
enum RAGThresholdQueries {
    static let list = PostgresQuery(
        "rag_thresholds_list", "SELECT measure, better, green::float8 AS green, amber::float8 AS amber FROM rag_thresholds ORDER BY measure")
    static let set = PostgresQuery(
        "rag_thresholds_set",
        "UPDATE rag_thresholds SET better = $2, green = $3, amber = $4, updated_at = now() WHERE measure = $1 RETURNING measure")
    static let floor = PostgresQuery(
        "console_settings_floor", "SELECT value FROM console_settings WHERE name = 'oversight_floor'")
    static let setFloor = PostgresQuery(
        "console_settings_set_floor", "UPDATE console_settings SET value = $1 WHERE name = 'oversight_floor' RETURNING value")
}
