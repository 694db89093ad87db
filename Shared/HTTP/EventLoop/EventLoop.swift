import CEpoll
import Glibc
import Synchronization

/// One event-loop thread's shared face: its `epoll` descriptor and a mailbox other threads post to.
///
/// The thread itself runs `LoopRunner`, which owns every connection of this loop; only messages
/// cross threads, and a wake-up byte is written only when the mailbox goes from empty to non-empty.
final class EventLoop: Sendable {
    let index: Int
    let epoll: Int32
    let wakeRead: Int32
    private let wakeWrite: Int32
    private let inbox = Mutex<(messages: [LoopMessage], signalled: Bool, closed: Bool)>(([], false, false))

    init?(index: Int) {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        var fds: [Int32] = [-1, -1]
        guard epoll >= 0, pipe(&fds) == 0 else { return nil }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
        self.index = index
        wakeRead = fds[0]
        wakeWrite = fds[1]
        _ = register(wakeRead, events: EPOLLIN.rawValue, operation: EPOLL_CTL_ADD)
    }

    deinit {
        Glibc.close(epoll)
        Glibc.close(wakeRead)
        Glibc.close(wakeWrite)
    }

    /// Queues `message` for the loop thread; once the loop has ended it is abandoned instead.
    func post(_ message: LoopMessage) {
        let (accepted, wake) = inbox.withLock { inbox -> (Bool, Bool) in
            guard !inbox.closed else { return (false, false) }
            inbox.messages.append(message)
            defer { inbox.signalled = true }
            return (true, !inbox.signalled)
        }
        guard accepted else { return message.abandon() }
        if wake {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }

    /// The queued messages, on the loop thread.
    func takeMessages() -> [LoopMessage] {
        var scratch = [UInt8](repeating: 0, count: 64)
        while scratch.withUnsafeMutableBytes({ read(wakeRead, $0.baseAddress, $0.count) }) > 0 {}
        return inbox.withLock { inbox in
            inbox.signalled = false
            defer { inbox.messages = [] }
            return inbox.messages
        }
    }

    /// Refuses further messages and returns those still queued, as the loop thread ends.
    func close() -> [LoopMessage] {
        inbox.withLock { inbox in
            inbox.closed = true
            defer { inbox.messages = [] }
            return inbox.messages
        }
    }

    /// Adds, changes or removes (`EPOLL_CTL_*`) interest in `fd`; the descriptor is the event's key.
    @discardableResult
    func register(_ fd: Int32, events: UInt32, operation: Int32) -> Bool {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        return epoll_ctl(epoll, operation, fd, &event) == 0
    }
}
