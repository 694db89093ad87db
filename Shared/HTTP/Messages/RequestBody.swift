/// Where a streamed body's chunks come from: the connection's event loop (or, in the former model, its thread).
protocol BodySource: Sendable {
    /// Marks the body as being read; `false` if something already started reading it.
    func claim() -> Bool
    /// The next chunk of decoded body bytes, or `nil` at the end.
    func nextChunk() async throws -> [UInt8]?
}

/// A request body: an async sequence of byte chunks, read once.
///
/// Bodies received by the server are streamed from the socket as the handler asks for them, so memory stays
/// bounded whatever the upload size; `collect()` gathers them when a handler wants the whole thing.
public struct RequestBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    enum Storage: Sendable {
        case bytes([UInt8])
        case stream(any BodySource)
    }

    let storage: Storage
    /// The length announced by `Content-Length`, if any.
    public let declaredLength: Int?

    /// A body that is already in memory (tests, internal calls).
    public init(bytes: [UInt8]) {
        storage = .bytes(bytes)
        declaredLength = bytes.count
    }

    /// A UTF-8 body.
    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    init(source: any BodySource, declaredLength: Int?) {
        storage = .stream(source)
        self.declaredLength = declaredLength
    }

    /// No body.
    public static let empty = RequestBody(bytes: [])

    /// The whole body; more than `limit` bytes is a 413 (the route's own limit applies regardless).
    public func collect(upTo limit: Int = .max) async throws -> [UInt8] {
        var result: [UInt8] = []
        if let declaredLength { result.reserveCapacity(Swift.min(declaredLength, limit, 1 << 20)) }
        for try await chunk in self {
            guard chunk.count <= limit - result.count else {
                throw HTTPError(.contentTooLarge, detail: "request body exceeds \(limit) bytes")
            }
            result += chunk
        }
        return result
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(storage: storage)
    }

    /// Iterates the chunks; a streamed body throws if a second iterator tries to read it.
    public struct Iterator: AsyncIteratorProtocol {
        var storage: Storage
        var started = false
        var finished = false

        public mutating func next() async throws -> [UInt8]? {
            guard !finished else { return nil }
            switch storage {
            case .bytes(let bytes):
                finished = true
                return bytes.isEmpty ? nil : bytes
            case .stream(let source):
                if !started {
                    started = true
                    guard source.claim() else {
                        finished = true
                        throw HTTPError(.internalServerError, detail: "the request body was read twice")
                    }
                }
                guard let chunk = try await source.nextChunk() else {
                    finished = true
                    return nil
                }
                return chunk
            }
        }
    }
}
