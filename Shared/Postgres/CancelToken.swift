import CLibPQ
import Synchronization

/// libpq's cancel object for one session: independent of the connection and usable from any thread.
///
/// PQcancel opens a new connection to the server and waits for it to answer, which can take as
/// long as the network does. So `send` never calls it on the caller's thread (possibly Swift's
/// cooperative pool, which must never block): requests go out one at a time on one small shared
/// thread. (libpq 17's non-blocking cancel API would remove the thread; the installed libpq is older.)
final class CancelToken: @unchecked Sendable {
    // Invariant: the pointer is owned here and freed once in deinit; PQcancel is thread-safe, and
    // a queued request retains the token, so the pointer outlives every use.
    private let pointer: OpaquePointer
    /// Set while a request waits on the cancellation thread: one waiting request is enough.
    private let queued = Atomic(false)

    /// Where every cancel request is sent from.
    static let thread = ConnectionThread(name: "occ-pg-cancel")

    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { PQfreeCancel(pointer) }

    /// Queues a cancel request and returns at once.
    func send() {
        if queued.exchange(true, ordering: .acquiringAndReleasing) { return }
        Self.thread.async { [self] in
            // Cleared first: a cancel for a later statement, arriving during this send, queues its own.
            queued.store(false, ordering: .releasing)
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(pointer, &buffer, Int32(buffer.count))
        }
    }
}
