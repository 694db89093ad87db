import Runtime
import Synchronization
import Testing

/// A batch writer that records every batch and holds the n-th write until `released` reaches n.
private final class RecordingWriter: Sendable {
    let batches = Mutex<[[Int]]>([])
    let released = Mutex<Int>(0)

    func release(upTo count: Int = .max) {
        released.withLock { $0 = count }
    }

    func write(_ inputs: [Int]) async -> [Result<String, any Error>] {
        let number = batches.withLock { $0.append(inputs); return $0.count }
        while released.withLock({ $0 }) < number { try? await Task.sleep(for: .milliseconds(1)) }
        return inputs.map { $0 < 0 ? .failure(Rejected(value: $0)) : .success("stored \($0)") }
    }

    struct Rejected: Error, Equatable { let value: Int }
}

@Suite struct GroupCommitTests {
    @Test func concurrentSubmissionsShareBatchesAndEachGetsItsOwnResult() async throws {
        let writer = RecordingWriter()
        let commit = GroupCommit<Int, String>(maxBatch: 64, maxConcurrentBatches: 1) { await writer.write($0) }
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            group.addTask { (0, try await commit.submit(0)) }
            // The first write is held open, so everything submitted meanwhile must wait for the next batch.
            while writer.batches.withLock({ $0.count }) < 1 { try await Task.sleep(for: .milliseconds(1)) }
            for value in 1...20 { group.addTask { (value, try await commit.submit(value)) } }
            try await Task.sleep(for: .milliseconds(200))
            writer.release()
            for try await (value, result) in group { #expect(result == "stored \(value)") }
        }
        let batches = writer.batches.withLock { $0 }
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
        let batches = writer.batches.withLock { $0 }
        #expect(batches.allSatisfy { $0.count <= 5 })
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<200))
    }

    @Test func aCancelledLeaderStillWritesItsFollowersBatch() async throws {
        let writer = RecordingWriter()
        let cancelled = Mutex<Bool?>(nil)
        let commit = GroupCommit<Int, String>(maxBatch: 8, maxConcurrentBatches: 1) { inputs in
            let results = await writer.write(inputs)
            if inputs.count > 1 { cancelled.withLock { $0 = Task.isCancelled } }
            return results
        }
        // The first caller leads a batch of one and holds it open; two followers then wait, and the
        // second batch is led by the first follower, which we cancel while its write is held.
        let first = Task { try await commit.submit(1) }
        while writer.batches.withLock({ $0.count }) < 1 { try await Task.sleep(for: .milliseconds(1)) }
        let leader = Task { try await commit.submit(2) }
        try await Task.sleep(for: .milliseconds(50))
        let follower = Task { try await commit.submit(3) }
        try await Task.sleep(for: .milliseconds(50))
        writer.release(upTo: 1)
        while writer.batches.withLock({ $0.count }) < 2 { try await Task.sleep(for: .milliseconds(1)) }
        leader.cancel()
        try await Task.sleep(for: .milliseconds(20))
        writer.release()
        #expect(try await first.value == "stored 1")
        #expect(try await follower.value == "stored 3", "a follower's write does not depend on its leader's client")
        #expect(try await leader.value == "stored 2")
        #expect(writer.batches.withLock { $0 } == [[1], [2, 3]])
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
