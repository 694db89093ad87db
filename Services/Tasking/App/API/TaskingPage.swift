/// One page of the work list.
struct TaskingPage: Encodable, Sendable {
    let taskings: [TaskingSummary]
    /// null after the last page.
    let nextCursor: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taskings, forKey: .taskings)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    private enum CodingKeys: String, CodingKey {
        case taskings
        case nextCursor = "next_cursor"
    }
}
