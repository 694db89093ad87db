/// The one error type of the Queue module.
public struct QueueError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidInsert = Code("invalid_insert")
        /// The job is no longer this worker's: its lease expired and it was rescued, cancelled or finished.
        public static let leaseLost = Code("lease_lost")
        public static let notFound = Code("not_found")
        public static let wrongState = Code("wrong_state")
        /// The job is running: the operator action asked for needs to be forced.
        public static let running = Code("running")
        public static let unknownKind = Code("unknown_kind")
        public static let undecodableArgs = Code("undecodable_args")
    }

    public var code: Code
    public var jobID: Int64?
    public var reason: String

    public init(_ code: Code, jobID: Int64? = nil, reason: String) {
        self.code = code
        self.jobID = jobID
        self.reason = reason
    }

    public var description: String {
        "QueueError(code: \(code)\(jobID.map { ", job: \($0)" } ?? ""), reason: \(reason))"
    }
}
