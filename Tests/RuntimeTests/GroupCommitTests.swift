import Runtime
import Synchronization
import Testing

/// A batch writer that records every batch and holds each write until the test opens the gate.
private final class RecordingWriter: Sendable {
    let batches = Mutex<[[Int]]>([])
    let gate = Mutex<Bool>(false)

    func write(_ inputs: [Int]) async -> [Result<String, any Error>] {
        batches.withLock { $0.append(inputs) }
        while !gate.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(1)) }
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
            writer.gate.withLock { $0 = true }
            for try await (value, result) in group { #expect(result == "stored \(value)") }
        }
        let batches = writer.batches.withLock { $0 }
        #expect(batches.first == [0])
        #expect(batches.count == 2, "the 20 waiters are written together: \(batches)")
        #expect(batches.flatMap { $0 }.sorted() == Array(0...20))
    }

    @Test func batchesNeverExceedTheLimitAndRunAtMostTheAllowedNumberAtOnce() async throws {
        let writer = RecordingWriter()
        writer.gate.withLock { $0 = true }
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

    @Test func oneFailedItemFailsOnlyItsOwnCaller() async throws {
        let writer = RecordingWriter()
        writer.gate.withLock { $0 = true }
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
