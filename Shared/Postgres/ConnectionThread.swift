import Dispatch
import Foundation
import Glibc
import Runtime
import Synchronization

/// The one OS thread a connection's blocking libpq calls run on, and a `TaskExecutor`.
///
/// A task that prefers this executor (see `PostgresConnection.withAffinity`) runs its code on the
/// same thread as its queries, so a query is a plain call instead of two thread hand-offs and
/// wake-ups. Tasks without the preference still hop here, and Swift's cooperative pool never blocks.
final class ConnectionThread: TaskExecutor {
    private enum Work: Sendable {
        case job(UnownedJob)
        case block(@Sendable () -> Void)
        case stop
    }

    private struct State {
        var queue: [Work] = []
        var head = 0
        var stopped = false
    }

    private let state = Mutex(State())
    private let pending = DispatchSemaphore(value: 0)

    /// The OS thread name of every connection thread.
    static let name = "occ-postgres"
    /// This thread's OS name, so operators can tell database threads apart in `top -H` and debuggers.
    let threadName: String

    init(name: String = ConnectionThread.name) {
        threadName = name
        start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if !push(.job(job)) {
            // Stopped: a task that still prefers this executor must run somewhere, never be dropped.
            globalConcurrentExecutor.enqueue(job)
        }
    }

    /// Runs `block` on this thread after everything submitted before it.
    func async(_ block: @escaping @Sendable () -> Void) {
        if !push(.block(block)) { DispatchQueue.global().async(execute: block) }
    }

    /// Lets the thread finish what was submitted before, then exit.
    func stop() {
        _ = push(.stop)
    }

    private func push(_ work: Work) -> Bool {
        let accepted = state.withLock { state -> Bool in
            if state.stopped { return false }
            if case .stop = work { state.stopped = true }
            state.queue.append(work)
            return true
        }
        if accepted { pending.signal() }
        return accepted
    }

    private func next() -> Work {
        pending.wait()
        return state.withLock { state in
            let work = state.queue[state.head]
            state.head += 1
            // Compact once the consumed prefix dominates, keeping pops O(1) amortised.
            if state.head >= 64, state.head * 2 >= state.queue.count {
                state.queue.removeFirst(state.head)
                state.head = 0
            }
            return work
        }
    }

    private func runLoop() {
        while true {
            switch next() {
            case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
            case .block(let block): block()
            case .stop: return
            }
        }
    }

    private func start() {
        let box = Unmanaged.passRetained(self)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        // Request handlers run here under affinity: give them the stack a main thread would have.
        pthread_attr_setstacksize(&attributes, 8 << 20)
        var thread = pthread_t()
        let created = pthread_create(&thread, &attributes, { context in
            let owner = Unmanaged<ConnectionThread>.fromOpaque(context!).takeRetainedValue()
            Thread.current.name = owner.threadName
            BlockingThread.markCurrent()
            owner.runLoop()
            return nil
        }, box.toOpaque())
        precondition(created == 0, "could not start a database connection thread (errno \(created))")
    }
}
