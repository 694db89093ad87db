import Runtime
import Synchronization
import Testing

/// A batch writer that records every batch and holds the n-th write until released up to n.
private final class RecordingWriter: Sendable {
    private struct State {
        var batches: [[Int]] = []
        var released = 0
        var held: [(number: Int, continuation: CheckedContinuation<Void, Never>)] = []
        var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    var batches: [[Int]] { state.withLock { $0.batches } }

    /// Lets writes numbered up to `count` (from 1) finish.
    func release(upTo count: Int = .max) {
        let freed = state.withLock { state in
            state.released = count
            defer { state.held.removeAll { $0.number <= count } }
            return state.held.filter { $0.number <= count }.map(\.continuation)
        }
        freed.forEach { $0.resume() }
    }

    /// Returns once `count` batches have reached the writer.
    func waitForBatches(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state in
                if state.batches.count >= count { return true }
                state.watchers.append((count, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }

    func write(_ inputs: [Int]) async -> [Result<String, any Error>] {
        await withCheckedContinuation { continuation in
            let (watchers, go) = state.withLock { state in
                state.batches.append(inputs)
                let number = state.batches.count
                let ready = state.watchers.filter { $0.count <= number }.map(\.continuation)
                state.watchers.removeAll { $0.count <= number }
                if state.released >= number { return (ready, true) }
                state.held.append((number, continuation))
                return (ready, false)
            }
            watchers.forEach { $0.resume() }
            if go { continuation.resume() }
        }
        return inputs.map { $0 < 0 ? .failure(Rejected(value: $0)) : .success("stored \($0)") }
    }

    struct Rejected: Error, Equatable { let value: Int }
}

/// Records submissions queued behind a running batch, so tests can wait for them.
private final class QueueWatch: Sendable {
    private struct State {
        var queued: [Int] = []
        var taken = 0
        var waiter: (count: Int, continuation: CheckedContinuation<[Int], Never>)?
    }

    private let state = Mutex(State())

    func queued(_ value: Int) {
        let (waiter, values) = state.withLock { state -> (CheckedContinuation<[Int], Never>?, [Int]) in
            state.queued.append(value)
            return Self.take(&state)
        }
        waiter?.resume(returning: values)
    }

    /// Returns the next `count` queued values, in order, once they have been queued.
    func waitFor(_ count: Int) async -> [Int] {
        await withCheckedContinuation { continuation in
            let (ready, values) = state.withLock { state -> (CheckedContinuation<[Int], Never>?, [Int]) in
                state.waiter = (count, continuation)
                return Self.take(&state)
            }
            ready?.resume(returning: values)
        }
    }

    private static func take(_ state: inout State) -> (CheckedContinuation<[Int], Never>?, [Int]) {
        guard let waiter = state.waiter, state.queued.count - state.taken >= waiter.count else { return (nil, []) }
        state.waiter = nil
        defer { state.taken += waiter.count }
        return (waiter.continuation, Array(state.queued[state.taken..<state.taken + waiter.count]))
    }
}

@Suite struct GroupCommitTests {
    @Test func concurrentSubmissionsShareBatchesAndEachGetsItsOwnResult() async throws {
        let writer = RecordingWriter()
        let watch = QueueWatch()
        let commit = GroupCommit<Int, String>(maxBatch: 64, maxConcurrentBatches: 1, onQueued: watch.queued) { await writer.write($0) }
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            group.addTask { (0, try await commit.submit(0)) }
            // The first write is held open, so everything submitted meanwhile must wait for the next batch.
            await writer.waitForBatches(1)
            for value in 1...20 { group.addTask { (value, try await commit.submit(value)) } }
            _ = await watch.waitFor(20)
            writer.release()
            for try await (value, result) in group { #expect(result == "stored \(value)") }
        }
        let batches = writer.batches
        #expect(batches.first == [0])
        #expect(batches.count == 2, "the 20 waiters are written together: \(batches)")
        #expect(batches.flatMap { $0 }.sorted() == Array(0...20))
    }

    @Test func batchesNeverExceedTheLimitAndRunAtMostTheAllowedNumberAtOnce() async throws {
        let writer = RecordingWriter()
        writer.release()
        let commit = GroupCommit<Int, String>(maxBatch: 5, maxConcurrentBatches: 2) { await writer.write($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for value in 0..<200 {
                group.addTask {
                    let result = try await commit.submit(value)
                    #expect(result == "stored \(value)")
                }
            }
            try await group.waitForAll()
        }
        let batches = writer.batches
        #expect(batches.allSatisfy { $0.count <= 5 })
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<200))
    }

    @Test func aCancelledLeaderStillWritesItsFollowersBatch() async throws {
        let writer = RecordingWriter()
        let watch = QueueWatch()
        let cancelled = Mutex<Bool?>(nil)
        let commit = GroupCommit<Int, String>(maxBatch: 8, maxConcurrentBatches: 1, onQueued: watch.queued) { inputs in
            let results = await writer.write(inputs)
            if inputs.count > 1 { cancelled.withLock { $0 = Task.isCancelled } }
            return results
        }
        // The first caller leads a batch of one and holds it open; two followers then wait, and the
        // second batch is led by the first follower, which we cancel while its write is held.
        let first = Task { try await commit.submit(1) }
        await writer.waitForBatches(1)
        let leader = Task { try await commit.submit(2) }
        #expect(await watch.waitFor(1) == [2])
        let follower = Task { try await commit.submit(3) }
        #expect(await watch.waitFor(1) == [3])
        writer.release(upTo: 1)
        await writer.waitForBatches(2)
        // Cancellation is delivered synchronously: the held write is already running when it lands.
        leader.cancel()
        writer.release()
        #expect(try await first.value == "stored 1")
        #expect(try await follower.value == "stored 3", "a follower's write does not depend on its leader's client")
        #expect(try await leader.value == "stored 2")
        #expect(writer.batches == [[1], [2, 3]])
        #expect(cancelled.withLock { $0 } == false, "the batch write never saw the leader's cancellation")
    }

    @Test func oneFailedItemFailsOnlyItsOwnCaller() async throws {
        let writer = RecordingWriter()
        writer.release()
        let commit = GroupCommit<Int, String>(maxBatch: 8, maxConcurrentBatches: 1) { await writer.write($0) }
        await withTaskGroup(of: Void.self) { group in
            for value in -3...3 {
                group.addTask {
                    if value < 0 {
                        await #expect(throws: RecordingWriter.Rejected(value: value)) { try await commit.submit(value) }
                    } else {
                        #expect((try? await commit.submit(value)) == "stored \(value)")
                    }
                }
            }
        }
    }

    @Test func aWriterReturningTheWrongNumberOfResultsFailsTheWholeBatchClearly() async {
        let commit = GroupCommit<Int, Int>(maxBatch: 8, maxConcurrentBatches: 1) { _ in [] }
        await #expect(throws: GroupCommitError.self) { try await commit.submit(1) }
        // The lead was handed back: later submissions are not stuck behind the failed batch.
        await #expect(throws: GroupCommitError.self) { try await commit.submit(2) }
    }
}
