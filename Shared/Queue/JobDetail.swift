import Postgres

/// One job in full: its summary, arguments, metadata and every error recorded against it.
public struct JobDetail: Sendable {
    /// One entry of a job's error history: a failed attempt, a rescue, an operator's action.
    public struct ErrorEntry: Decodable, Sendable {
        /// As recorded (ISO 8601).
        public let at: String?
        /// Absent on entries made by an operator on a waiting job.
        public let attempt: Int?
        public let error: String?
        /// The worker process that recorded it, if one did.
        public let worker: String?
    }

    public let summary: JobQueue.JobSummary
    /// The arguments as indented JSON.
    public let args: String
    /// The metadata as JSON, as stored.
    public let metadataJSON: String
    public let uniqueKey: String?
    /// Oldest first.
    public let errors: [ErrorEntry]

    init(row: PostgresRow) throws {
        summary = try JobQueue.JobSummary(row: row)
        args = try row.decode(String.self, "args")
        metadataJSON = try row.decode(String.self, "metadata")
        uniqueKey = try row.decode(String?.self, "unique_key")
        errors = try JobCoding.decode([ErrorEntry].self, from: try row.decode(String.self, "errors"))
    }
}
