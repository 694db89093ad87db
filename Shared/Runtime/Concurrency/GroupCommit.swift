import Synchronization

/// Group commit: each caller submits one item and gets its own result, but items submitted while
/// earlier batches are being written wait and are written together in the next batch.
///
/// No background task: the first caller to find a free slot leads a batch (its own item plus
/// whoever is waiting), and on finishing hands the lead to the oldest waiter. At most
/// `maxConcurrentBatches` batches run at once, so under load batches grow instead of transactions
/// multiplying — one commit (one fsync) then serves many callers.
public final class GroupCommit<Input: Sendable, Output: Sendable>: Sendable {
    /// Writes a batch and returns one result per input, in order.
    public typealias Write = @Sendable ([Input]) async -> [Result<Output, any Error>]

    private enum Turn: Sendable {
        case lead
        case done(Result<Output, any Error>)
    }

    private struct Waiter: Sendable {
        let input: Input
        let continuation: CheckedContinuation<Turn, Never>
    }

    private struct State: Sendable {
        var waiting: [Waiter] = []
        var leaders = 0
    }

    private let state = Mutex(State())
    private let maxBatch: Int
    private let maxConcurrentBatches: Int
    private let write: Write
    private let onQueued: @Sendable (Input) -> Void

    /// `onQueued` sees each item that has to wait for a later batch, once it is queued (a hook for
    /// instrumentation and for tests that must know a submission is waiting).
    public init(
        maxBatch: Int, maxConcurrentBatches: Int, onQueued: @escaping @Sendable (Input) -> Void = { _ in },
        write: @escaping Write
    ) {
        self.maxBatch = max(1, maxBatch)
        self.maxConcurrentBatches = max(1, maxConcurrentBatches)
        self.onQueued = onQueued
        self.write = write
    }

    /// Writes `input` (alone or in a batch) and returns its result.
    public func submit(_ input: Input) async throws -> Output {
        let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
            let leadNow = state.withLock { state -> Bool in
                if state.leaders < maxConcurrentBatches {
                    state.leaders += 1
                    return true
                }
                state.waiting.append(Waiter(input: input, continuation: continuation))
                return false
            }
            if leadNow { continuation.resume(returning: .lead) } else { onQueued(input) }
        }
        switch turn {
        case .done(let result): return try result.get()
        case .lead: return try await lead(with: input).get()
        }
    }

    /// Writes `input` with up to `maxBatch - 1` waiters, answers them, then passes the lead on.
    private func lead(with input: Input) async -> Result<Output, any Error> {
        let followers = state.withLock { state -> [Waiter] in
            let taken = Array(state.waiting.prefix(maxBatch - 1))
            state.waiting.removeFirst(taken.count)
            return taken
        }
        // The write serves every caller in the batch, so the leader's cancellation (its client
        // hung up) must not cancel it: an unstructured task does not inherit cancellation.
        let batch = [input] + followers.map(\.input)
        let write = self.write
        var results = await Task { await write(batch) }.value
        if results.count != followers.count + 1 {
            results = Array(repeating: .failure(GroupCommitError()), count: followers.count + 1)
        }
        for (follower, result) in zip(followers, results.dropFirst()) {
            follower.continuation.resume(returning: .done(result))
        }
        let next = state.withLock { state -> Waiter? in
            if state.waiting.isEmpty {
                state.leaders -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.continuation.resume(returning: .lead)
        return results[0]
    }
}

/// A batch writer broke its contract of one result per input.
public struct GroupCommitError: Error, CustomStringConvertible {
    public var description: String { "a batch write returned the wrong number of results" }
}
