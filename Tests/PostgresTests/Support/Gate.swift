import Synchronization
import Postgres

/// A one-way signal between tasks: `wait` returns once `open` was called, before or after.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if isOpen { continuation.resume() }
        }
    }
}

/// Opens its gate once `count` arrivals have been reported.
final class Countdown: Sendable {
    private let remaining: Mutex<Int>
    let reached = Gate()

    init(_ count: Int) { remaining = Mutex(count) }

    func arrive() {
        let done = remaining.withLock { remaining in
            remaining -= 1
            return remaining == 0
        }
        if done { reached.open() }
    }
}

extension PostgresPool {
    /// Leases a connection in a task that keeps it until `release` opens; returns once it is
    /// held, so the pool's other callers must wait (or fail) from then on.
    func holdingOneConnection() async -> (holder: Task<Void, Error>, release: Gate) {
        let (holding, release) = (Gate(), Gate())
        let holder = Task {
            try await self.withConnection { _ in
                holding.open()
                await release.wait()
            }
        }
        await holding.wait()
        return (holder, release)
    }
}
