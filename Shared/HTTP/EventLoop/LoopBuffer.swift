/// A connection's received bytes on an event loop: grows up to `capacity` as bytes arrive and is
/// released while the connection is idle, so an idle keep-alive connection holds no buffer.
struct LoopBuffer: BodyInput {
    let capacity: Int
    private var storage: [UInt8] = []
    private var start = 0
    /// Set when a body read needed more bytes than were buffered; the loop then waits for input.
    private(set) var starved = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    var available: Int { storage.count - start }
    var bytes: ArraySlice<UInt8> { storage[start...] }
    /// Room left before the buffer is full (back-pressure: the loop stops reading at zero).
    var space: Int { capacity - available }

    mutating func append(_ received: UnsafeRawBufferPointer) {
        if start > 0, start >= 4096 || start * 2 >= storage.count {
            storage.removeFirst(start)
            start = 0
        }
        storage.append(contentsOf: received)
        starved = false
    }

    mutating func consume(_ count: Int) {
        start += count
        if start == storage.count {
            storage.removeAll(keepingCapacity: true)
            start = 0
        }
    }

    mutating func take(upTo count: Int) -> [UInt8] {
        let taken = Array(storage[start..<(start + min(count, available))])
        consume(taken.count)
        return taken
    }

    /// Frees the storage when nothing is buffered.
    mutating func release() {
        guard available == 0 else { return }
        storage = []
        start = 0
    }

    /// Never waits: marks the buffer starved and abandons the decoding step, which is retried later.
    mutating func fillBody(readTimeout: Duration) throws(HTTPError) {
        starved = true
        throw HTTPError(.internalServerError, detail: "body read retried once bytes arrive")
    }

    mutating func clearStarved() {
        starved = false
    }
}
