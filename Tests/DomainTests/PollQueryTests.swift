import Domain
import Foundation
import Testing

@Suite struct PollQueryTests {
    private let limits = (default: 100, maximum: 1_000)

    @Test func cursorsRoundTripAndAreOpaque() {
        let cursor = FeedCursor(stream: "feedback", transaction: 123_456_789_012, sequence: 42)
        #expect(FeedCursor(cursor.description, stream: "feedback") == cursor)
        #expect(!cursor.description.contains("42"))
        // A cursor of one feed is not a cursor of another.
        #expect(FeedCursor(cursor.description, stream: "referrals") == nil)
        #expect(FeedCursor(FeedCursor.start("referrals").description, stream: "referrals") == .start("referrals"))
    }

    @Test(arguments: [
        "", "x", "not a cursor", "ZmVlZGJhY2suMS4y=", "ZmVlZGJhY2suMDEuMg", "ZmVlZGJhY2suLTEuMg", "ZmVlZGJhY2suMS4y LjM",
        "ZmVlZGJhY2suMTg0NDY3NDQwNzM3MDk1NTE2MTYuMQ", String(repeating: "A", count: 200), "ZmVlZGJhY2suMS4yLjM",
    ])
    func malformedCursorsAreRefused(text: String) {
        #expect(FeedCursor(text, stream: "feedback") == nil)
        guard case .failure(let failure) = PollQuery.parse(cursor: text, since: nil, limit: nil, stream: "feedback", limits: limits) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(failure.errors.map(\.path.description) == ["cursor"])
    }

    @Test func everyBadParameterIsNamed() {
        guard case .failure(let failure) = PollQuery.parse(
            cursor: "junk", since: "2026-02-30T00:00:00Z", limit: "1001", stream: "feedback", limits: limits)
        else {
            Issue.record("accepted")
            return
        }
        #expect(failure.errors.map(\.path.description) == ["cursor", "since", "limit"])
        #expect(failure.messages(at: "since") == ["not a valid timestamp: day 30 is not in 2026-02, which has 28 days"])
    }

    @Test(arguments: ["0", "-1", "1001", "x", "+5", "5.0", "99999999999999999999", ""])
    func limitIsBounded(limit: String) {
        let parsed = PollQuery.parse(cursor: nil, since: nil, limit: limit, stream: "feedback", limits: limits)
        #expect((try? parsed.get()) == nil)
    }

    @Test func defaultsStartAtTheBeginning() throws {
        let query = try PollQuery.parse(cursor: nil, since: nil, limit: nil, stream: "feedback", limits: limits).get()
        #expect(query == PollQuery(after: .start("feedback"), since: nil, limit: 100))
        let sinced = try PollQuery.parse(cursor: nil, since: "2026-01-01T00:00:00+16:00", limit: "7", stream: "feedback", limits: limits).get()
        #expect(sinced.since == Timestamp.parse("2025-12-31T08:00:00Z"))
        #expect(sinced.limit == 7)
    }
}

@Suite struct TaskingListQueryTests {
    private func parse(_ pairs: [(String, String)]) -> Result<TaskingListQuery, ValidationFailure> {
        TaskingListQuery.parse(pairs.map { (name: $0.0, value: $0.1) })
    }

    @Test func cursorsRoundTripAndRefuseForgeries() throws {
        let id = UUID()
        let cursor = TaskingCursor(priority: .p2, deadlineMicroseconds: 1_764_567_890_123_456, id: id)
        #expect(TaskingCursor(cursor.description) == cursor)
        #expect(TaskingCursor(FeedCursor.start("taskings").description) == nil)
        let beyond = TaskingCursor(priority: .p1, deadlineMicroseconds: TaskingCursor.maxDeadlineMicroseconds + 1, id: id).description
        let last = TaskingCursor(priority: .p1, deadlineMicroseconds: TaskingCursor.maxDeadlineMicroseconds, id: id)
        #expect(TaskingCursor(last.description) == last)
        for forged in ["", "!!", "dGFza2luZ3MuUDkuMS4x", String(repeating: "A", count: 200), cursor.description + "A", beyond] {
            #expect(TaskingCursor(forged) == nil, "\(forged)")
        }
        let query = try parse([("cursor", cursor.description), ("limit", "500"), ("status", "new"), ("priority", "P1"), ("team", "ROCU")]).get()
        #expect(query.after == cursor && query.limit == 500 && query.status == "new" && query.priority == .p1 && query.team == "ROCU")
        #expect(try parse([]).get() == TaskingListQuery())
    }

    @Test func everyProblemNamed() {
        guard case .failure(let failure) = parse([("limit", "0"), ("x", "1"), ("status", "open"), ("status", "new"), ("cursor", "zz")]) else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.errors.map(\.path.description) == ["x", "status", "cursor", "limit", "status"])
    }
}
