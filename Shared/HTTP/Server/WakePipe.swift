import Glibc
import Synchronization

/// A pipe that becomes (and stays) readable once shutdown begins, so every thread polling it wakes up.
final class WakePipe: Sendable {
    let readFD: Int32
    private let writeFD: Int32
    private let signalled = Mutex(false)

    init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                _ = fcntl(fd, F_SETFL, O_NONBLOCK)
            }
        } else {
            // Without a pipe, pollers are woken by their own timeouts instead; nothing else depends on it.
            fds = [-1, -1]
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        if readFD >= 0 { close(readFD) }
        if writeFD >= 0 { close(writeFD) }
    }

    /// Makes the read end readable; the byte is never consumed, so the signal is level-triggered for everyone.
    func signal() {
        let first = signalled.withLock { signalled in
            defer { signalled = true }
            return !signalled
        }
        guard first, writeFD >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }
}
