import Glibc

/// A socket with a fixed-size read buffer; all reads are bounded by the buffer and a deadline.
struct SocketReader {
    enum FillError: Error {
        case timedOut
        case closed
        case woken
        case full
    }

    let socket: Socket
    private var storage: [UInt8]
    private(set) var start = 0
    private(set) var end = 0

    init(socket: Socket, capacity: Int) {
        self.socket = socket
        storage = [UInt8](repeating: 0, count: capacity)
    }

    /// Bytes received but not yet consumed.
    var available: Int { end - start }

    /// The unconsumed bytes.
    var bytes: ArraySlice<UInt8> { storage[start..<end] }

    /// Reads at least one more byte, waiting until `deadline`.
    mutating func fill(until deadline: ContinuousClock.Instant?, wake: Int32? = nil) throws(FillError) {
        if start == end {
            start = 0
            end = 0
        } else if end == storage.count {
            guard start > 0 else { throw .full }
            storage.copyWithinSelf(from: start..<end, to: 0)
            end -= start
            start = 0
        }
        while true {
            let result = storage.withUnsafeMutableBytes { buffer in
                socket.receive(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            }
            switch result {
            case .bytes(let count):
                end += count
                return
            case .closed, .failed:
                throw .closed
            case .wouldBlock:
                switch socket.wait(for: Int16(POLLIN), until: deadline, wake: wake) {
                case .ready: continue
                case .timedOut: throw .timedOut
                case .woken: throw .woken
                }
            }
        }
    }

    /// Marks `count` bytes as consumed.
    mutating func consume(_ count: Int) {
        start += count
        if start == end {
            start = 0
            end = 0
        }
    }

    /// Removes and returns up to `count` bytes.
    mutating func take(upTo count: Int) -> [UInt8] {
        let taken = Array(storage[start..<(start + min(count, available))])
        consume(taken.count)
        return taken
    }
}

private extension Array where Element == UInt8 {
    /// Moves `range` to start at `destination` (overlap allowed, as with memmove).
    mutating func copyWithinSelf(from range: Range<Int>, to destination: Int) {
        withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            memmove(base + destination, base + range.lowerBound, range.count)
        }
    }
}
