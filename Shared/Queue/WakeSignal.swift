import Synchronization

/// A one-slot wake-up: `signal()` wakes the current or the next `wait(timeout:)`.
/// One waiter at a time (each producer loop owns its signal).
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var token: UInt64 = 0
        var waiter: (token: UInt64, continuation: CheckedContinuation<Void, Never>)?
        /// A timeout or cancellation that arrived before its waiter was registered.
        var firedToken: UInt64?
    }
    private let state = Mutex(State())

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume()
    }

    /// Returns when signalled, after `timeout`, or on cancellation, whichever comes first.
    func wait(timeout: Duration) async {
        let token = state.withLock { state -> UInt64? in
            if state.pending { state.pending = false; return nil }
            state.token &+= 1
            return state.token
        }
        guard let token else { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.fire(token)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending || state.firedToken == token {
                        state.pending = false
                        return true
                    }
                    state.waiter = (token, continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            self.fire(token)
        }
        timer.cancel()
    }

    private func fire(_ token: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter, waiter.token == token else {
                state.firedToken = token
                return nil
            }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume()
    }
}
