import Dispatch

/// Runs `work` on a dispatch thread: walking and reading the repository takes seconds on a loaded
/// machine, and on Swift's cooperative pool (two threads here) it would stall every other test.
func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
}
