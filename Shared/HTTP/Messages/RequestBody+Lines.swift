/// Line-by-line reading, for NDJSON uploads of any size.
extension RequestBody {
    /// The body split on `\n` (a trailing `\r` is removed); a line longer than `maxLineBytes` is a 413.
    ///
    /// Every line is yielded, blank ones included, so callers can number them; a final newline does not
    /// produce an extra empty line.
    public func lines(maxLineBytes: Int = 1 << 20) -> Lines {
        Lines(body: self, maxLineBytes: maxLineBytes)
    }

    /// An async sequence of lines as bytes.
    public struct Lines: AsyncSequence, Sendable {
        public typealias Element = [UInt8]

        let body: RequestBody
        let maxLineBytes: Int

        public func makeAsyncIterator() -> Iterator {
            Iterator(chunks: body.makeAsyncIterator(), maxLineBytes: maxLineBytes)
        }

        /// Buffers at most one line plus one chunk.
        public struct Iterator: AsyncIteratorProtocol {
            var chunks: RequestBody.Iterator
            let maxLineBytes: Int
            var buffer: [UInt8] = []
            var start = 0
            var scanned = 0
            var exhausted = false

            init(chunks: RequestBody.Iterator, maxLineBytes: Int) {
                self.chunks = chunks
                self.maxLineBytes = maxLineBytes
            }

            public mutating func next() async throws -> [UInt8]? {
                while true {
                    if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                        return try takeLine(upTo: newline, skipping: 1)
                    }
                    scanned = buffer.count
                    // One byte of slack for the `\r` that may end the line.
                    guard buffer.count - start <= maxLineBytes + 1 else {
                        throw HTTPError(.contentTooLarge, detail: "a line exceeds \(maxLineBytes) bytes")
                    }
                    if exhausted {
                        return start < buffer.count ? try takeLine(upTo: buffer.count, skipping: 0) : nil
                    }
                    guard let chunk = try await chunks.next() else {
                        exhausted = true
                        continue
                    }
                    compact()
                    buffer += chunk
                }
            }

            private mutating func takeLine(upTo end: Int, skipping separator: Int) throws -> [UInt8] {
                var lineEnd = end
                if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                guard lineEnd - start <= maxLineBytes else {
                    throw HTTPError(.contentTooLarge, detail: "a line exceeds \(maxLineBytes) bytes")
                }
                let line = Array(buffer[start..<lineEnd])
                start = end + separator
                scanned = start
                return line
            }

            /// Drops consumed bytes so the buffer never holds more than the current partial line.
            private mutating func compact() {
                guard start > 0 else { return }
                buffer.removeSubrange(0..<start)
                scanned -= start
                start = 0
            }
        }
    }
}
