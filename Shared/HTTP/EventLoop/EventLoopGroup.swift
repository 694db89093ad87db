import CEpoll
import Glibc

/// The server's event-loop threads.
final class EventLoopGroup: Sendable {
    let loops: [EventLoop]

    private init(loops: [EventLoop]) {
        self.loops = loops
    }

    /// Starts `count` loop threads, the first accepting on `listener`; `nil` if any cannot start.
    static func start(count: Int, listener: Listener, core: ServerCore) -> EventLoopGroup? {
        let loops = (0..<max(1, count)).compactMap { EventLoop(index: $0) }
        guard loops.count == max(1, count) else { return nil }
        for loop in loops {
            let owned = loop.index == 0 ? listener : nil
            // Loop threads never block (handlers run as tasks), so they are not `BlockingThread`s.
            let started = OSThread.spawn(stackSize: 512 * 1024) {
                LoopRunner(loop: loop, core: core, loops: loops, listener: owned).run()
            }
            guard started else {
                loops.forEach { $0.post(.stop) }
                return nil
            }
        }
        return EventLoopGroup(loops: loops)
    }

    /// The default number of loops: one per core, at most four.
    static var defaultCount: Int {
        max(1, min(4, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }

    /// Graceful shutdown: stop accepting, close idle connections, let requests in flight finish.
    func drain() {
        loops.forEach { $0.post(.drain) }
    }

    /// Ends the threads once the server has stopped.
    func stop() {
        loops.forEach { $0.post(.stop) }
    }
}
