import Dispatch
import Synchronization

/// One thread that fires the request deadlines of a whole server.
///
/// A handler runs on its connection's thread and may block it (a database call made in place), so
/// its deadline must fire on another thread. A task per request would wake Swift's pool twice for
/// every request; here arming and disarming only take a lock, and the thread wakes only when a
/// deadline is due or a new one is due before all others (rare: most routes share one timeout).
final class DeadlineTimer: Sendable {
    /// Identifies one armed deadline.
    struct Token: Sendable {
        fileprivate let id: UInt64
    }

    fileprivate struct Entry {
        let due: ContinuousClock.Instant
        let id: UInt64
    }

    private struct State {
        /// Min-heap on `due`. Disarmed entries stay until they surface or the heap is rebuilt.
        var heap: [Entry] = []
        var armed: [UInt64: (due: ContinuousClock.Instant, action: @Sendable () -> Void)] = [:]
        var nextID: UInt64 = 0
        var threadStarted = false
        var stopped = false
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)

    /// Runs `action` on the timer thread after `delay`, unless disarmed first. `action` must not block.
    func arm(after delay: Duration, _ action: @escaping @Sendable () -> Void) -> Token {
        arm(at: .now + delay, action)
    }

    /// Runs `action` on the timer thread once `due` has passed, unless disarmed first.
    func arm(at due: ContinuousClock.Instant, _ action: @escaping @Sendable () -> Void) -> Token {
        let (token, startThread, earliest) = state.withLock { state -> (Token, Bool, Bool) in
            state.nextID += 1
            let id = state.nextID
            guard !state.stopped else { return (Token(id: id), false, false) }
            state.armed[id] = (due, action)
            let earliest = state.heap.first.map { due < $0.due } ?? true
            state.heap.push(Entry(due: due, id: id))
            defer { state.threadStarted = true }
            return (Token(id: id), !state.threadStarted, earliest)
        }
        if startThread {
            // Without a thread no deadline fires; requests still finish, only unbounded.
            _ = OSThread.spawn(stackSize: 256 * 1024) { [self] in run() }
        } else if earliest {
            wake.signal()
        }
        return token
    }

    /// Cancels the deadline if it has not fired yet.
    func disarm(_ token: Token) {
        state.withLock { state in
            guard state.armed.removeValue(forKey: token.id) != nil else { return }
            // Keep the heap from growing with disarmed entries under a steady request rate.
            if state.heap.count > 1024, state.heap.count > 4 * state.armed.count {
                state.heap = state.armed.map { Entry(due: $0.value.due, id: $0.key) }
                state.heap.heapify()
            }
        }
    }

    /// Ends the thread; armed deadlines never fire.
    func stop() {
        state.withLock { state in
            state.stopped = true
            state.armed = [:]
            state.heap = []
        }
        wake.signal()
    }

    private func run() {
        while true {
            let now = ContinuousClock.now
            let (due, next, stopped) = state.withLock { state -> ([@Sendable () -> Void], ContinuousClock.Instant?, Bool) in
                var due: [@Sendable () -> Void] = []
                while let first = state.heap.first, first.due <= now {
                    state.heap.popMin()
                    if let entry = state.armed.removeValue(forKey: first.id) { due.append(entry.action) }
                }
                return (due, state.heap.first?.due, state.stopped)
            }
            if stopped { return }
            due.forEach { $0() }
            if let next {
                let wait = now.duration(to: next)
                let nanoseconds = wait.components.seconds * 1_000_000_000 + wait.components.attoseconds / 1_000_000_000
                _ = wake.wait(timeout: .now() + .nanoseconds(Int(max(0, nanoseconds))))
            } else {
                wake.wait()
            }
        }
    }
}

extension [DeadlineTimer.Entry] {
    fileprivate mutating func push(_ entry: DeadlineTimer.Entry) {
        append(entry)
        siftUp(count - 1)
    }

    fileprivate mutating func popMin() {
        swapAt(0, count - 1)
        removeLast()
        if !isEmpty { siftDown(0) }
    }

    fileprivate mutating func heapify() {
        for index in stride(from: count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard self[child].due < self[parent].due else { return }
            swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < count, self[left].due < self[smallest].due { smallest = left }
            if right < count, self[right].due < self[smallest].due { smallest = right }
            guard smallest != parent else { return }
            swapAt(parent, smallest)
            parent = smallest
        }
    }
}
