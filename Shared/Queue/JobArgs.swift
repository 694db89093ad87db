import Foundation

/// The arguments of a job: a Codable value type with a stable `kind` naming its worker.
///
/// `kind` is stored with every job, so it must never change once jobs of it exist.
public protocol JobArgs: Codable, Sendable {
    static var kind: String { get }
}

/// How a job is inserted: queue, priority, schedule, retry budget and uniqueness.
public struct InsertOptions: Sendable {
    public var queue: String
    /// 1 (most urgent) to 4.
    public var priority: Int
    /// When the job may first run; nil means now.
    public var runAt: Date?
    public var maxAttempts: Int
    /// At most one active (waiting or running) job holds a given key; a duplicate insert is skipped.
    public var uniqueKey: String?
    /// Free-form string metadata (e.g. a trace id) carried to the worker and kept in history.
    public var metadata: [String: String]

    public init(queue: String = "default", priority: Int = 2, runAt: Date? = nil, maxAttempts: Int = 20,
                uniqueKey: String? = nil, metadata: [String: String] = [:]) {
        self.queue = queue
        self.priority = priority
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
        self.metadata = metadata
    }
}

/// A job ready to insert: its kind, encoded arguments and options.
public struct JobInsert: Sendable {
    public let kind: String
    public let argsJSON: String
    public let options: InsertOptions

    public init<Args: JobArgs>(_ args: Args, options: InsertOptions = InsertOptions()) throws {
        guard (1...4).contains(options.priority) else { throw QueueError(.invalidInsert, reason: "priority must be 1 to 4") }
        guard options.maxAttempts >= 1 else { throw QueueError(.invalidInsert, reason: "max_attempts must be at least 1") }
        guard (1...64).contains(options.queue.utf8.count) else { throw QueueError(.invalidInsert, reason: "queue name must be 1 to 64 bytes") }
        kind = Args.kind
        argsJSON = try JobCoding.encode(args)
        self.options = options
    }
}

/// The JSON coding used for job arguments and metadata (stable key order, ISO-8601 dates).
enum JobCoding {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(text.utf8))
    }
}
