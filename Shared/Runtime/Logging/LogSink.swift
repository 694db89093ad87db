import Glibc
import Synchronization

/// Where finished log lines go; each call receives one complete JSON line without the newline.
public struct LogSink: Sendable {
    /// Accepts one rendered line.
    public let write: @Sendable (String) -> Void

    /// A sink calling `write` for every line.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Standard error, one `write(2)` per line under a lock so concurrent lines never interleave.
    public static let standardError: LogSink = {
        let lock = Mutex(())
        return LogSink { line in
            var bytes = Array(line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            lock.withLock { _ in
                bytes.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    var offset = 0
                    while offset < buffer.count {
                        let written = Glibc.write(2, base + offset, buffer.count - offset)
                        if written < 0 && errno == EINTR { continue }
                        guard written > 0 else { return }
                        offset += written
                    }
                }
            }
        }
    }()
}
