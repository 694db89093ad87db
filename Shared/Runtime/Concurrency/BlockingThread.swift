import Glibc

/// Marks OS threads that we own and that may block (an HTTP connection's thread, a database
/// connection's thread), as opposed to Swift's cooperative pool, which must never block.
///
/// Code running on a marked thread may make a blocking call in place instead of handing it to
/// another thread: each hand-off wakes a thread, and on a virtual machine a wake-up costs more
/// than the work it carries.
public enum BlockingThread {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key available")
        return key
    }()

    /// Marks the calling thread for the rest of its life. Call it only on a thread you created.
    public static func markCurrent() {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
    }

    /// Whether the calling thread was marked.
    public static var isCurrent: Bool {
        pthread_getspecific(key) != nil
    }
}
