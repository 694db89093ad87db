import Foundation

extension BlockingThread {
    /// Runs blocking work (a child process, `waitpid`, a blocking read) on a thread of its own and
    /// returns its result.
    ///
    /// Swift's cooperative pool has one thread per core — two here — and every task of the process
    /// shares it: two blocking calls on it stall every other task, timers and timeouts included,
    /// until they return. A fresh thread per call costs far less than the work it carries.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            Thread.detachNewThread {
                markCurrent()
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
