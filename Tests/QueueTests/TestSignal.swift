import Synchronization

/// Counts `fire()` calls; `wait(for: n)` returns true once there have been at least n, false
/// after `limit` or on cancellation. Tests order concurrent work with it instead of sleeping;
/// the limit only stops a broken test from hanging.
final class TestSignal: Sendable {
    private struct Waiter {
        let needed: Int
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var count = 0
        var nextID = 0
        var waiters: [Int: Waiter] = [:]
        /// Timeouts or cancellations that arrived before their waiter was registered.
        var settled: [Int: Bool] = [:]
    }

    private let state = Mutex(State())

    var count: Int { state.withLock { $0.count } }

    /// Returns the count including this call.
    @discardableResult
    func fire() -> Int {
        let (count, due) = state.withLock { state -> (Int, [CheckedContinuation<Bool, Never>]) in
            state.count += 1
            let ready = state.waiters.filter { $0.value.needed <= state.count }
            for id in ready.keys { state.waiters[id] = nil }
            return (state.count, ready.values.map(\.continuation))
        }
        due.forEach { $0.resume(returning: true) }
        return count
    }

    @discardableResult
    func wait(for needed: Int = 1, within limit: Duration = .seconds(60)) async -> Bool {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        // Off any connection thread the caller may be on, so the limit fires whatever it does.
        let timer = Task(executorPreference: globalConcurrentExecutor) { [weak self] in
            do { try await Task.sleep(for: limit) } catch { return }
            self?.settle(id, false)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediate = state.withLock { state -> Bool? in
                    if state.count >= needed { return true }
                    if let settled = state.settled.removeValue(forKey: id) { return settled }
                    state.waiters[id] = Waiter(needed: needed, continuation: continuation)
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            settle(id, false)
        }
    }

    private func settle(_ id: Int, _ value: Bool) {
        let waiter = state.withLock { state -> Waiter? in
            if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
            state.settled[id] = value
            return nil
        }
        waiter?.continuation.resume(returning: value)
    }
}
