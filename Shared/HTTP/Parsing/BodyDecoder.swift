/// Reads a message body off a `BodyInput` (a blocking `SocketReader` or an event loop's buffer) in bounded chunks, for `Content-Length` or chunked framing.
///
/// Errors are `HTTPError`s: 400 for malformed framing or a truncated body, 408 when the peer stalls,
/// 413 when the body exceeds `limit`.
struct BodyDecoder {
    enum State {
        case length(remaining: Int)
        case chunkHeader
        case chunkData(remaining: Int)
        case chunkEnd
        case trailers(bytes: Int)
        case done
    }

    private(set) var state: State
    let limit: Int
    let maxTrailerBytes: Int
    let readTimeout: Duration
    private(set) var received = 0

    /// The largest chunk handed out at once; bounds memory per read.
    static let maxChunkBytes = 64 * 1024
    /// Chunk-size lines (with extensions) longer than this are rejected.
    static let maxChunkLineBytes = 4096

    init(framing: BodyFraming, limit: Int, maxTrailerBytes: Int, readTimeout: Duration) {
        switch framing {
        case .none: state = .done
        // An empty body is complete at once: reading for it would wait for bytes that never come,
        // or fail when the peer closes after a `Content-Length: 0` response.
        case .length(let length): state = length == 0 ? .done : .length(remaining: length)
        case .chunked: state = .chunkHeader
        }
        self.limit = limit
        self.maxTrailerBytes = maxTrailerBytes
        self.readTimeout = readTimeout
    }

    /// Whether the whole body has been read.
    var isComplete: Bool {
        if case .done = state { return true }
        return false
    }

    /// The next piece of body, or `nil` at the end.
    mutating func next<Input: BodyInput>(from reader: inout Input) throws(HTTPError) -> [UInt8]? {
        while true {
            switch state {
            case .done:
                return nil
            case .length(let remaining):
                let chunk = try data(from: &reader, remaining: remaining)
                state = remaining == chunk.count ? .done : .length(remaining: remaining - chunk.count)
                return chunk
            case .chunkHeader:
                let size = try BodyDecoder.chunkSize(try line(from: &reader, max: BodyDecoder.maxChunkLineBytes))
                guard size <= limit - received else { throw tooLarge }
                state = size == 0 ? .trailers(bytes: 0) : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let chunk = try data(from: &reader, remaining: remaining)
                state = remaining == chunk.count ? .chunkEnd : .chunkData(remaining: remaining - chunk.count)
                return chunk
            case .chunkEnd:
                guard try line(from: &reader, max: 2).isEmpty else {
                    throw HTTPError(.badRequest, detail: "chunk data is longer than its size")
                }
                state = .chunkHeader
            case .trailers(let bytes):
                let field = try line(from: &reader, max: maxTrailerBytes - bytes)
                if field.isEmpty {
                    state = .done
                } else {
                    _ = try RequestHeadParser.parseField(field[...])
                    state = .trailers(bytes: bytes + field.count + 2)
                }
            }
        }
    }

    private var tooLarge: HTTPError {
        HTTPError(.contentTooLarge, detail: "request body exceeds \(limit) bytes")
    }

    private mutating func data<Input: BodyInput>(from reader: inout Input, remaining: Int) throws(HTTPError) -> [UInt8] {
        if reader.available == 0 { try reader.fillBody(readTimeout: readTimeout) }
        let chunk = reader.take(upTo: min(remaining, BodyDecoder.maxChunkBytes))
        guard chunk.count <= limit - received else { throw tooLarge }
        received += chunk.count
        return chunk
    }

    /// One CRLF-terminated line of at most `max` bytes, without the CRLF.
    private func line<Input: BodyInput>(from reader: inout Input, max: Int) throws(HTTPError) -> [UInt8] {
        var scanned = 0
        while true {
            let bytes = reader.bytes
            if let lf = bytes[(bytes.startIndex + scanned)...].firstIndex(of: HTTPSyntax.lf) {
                guard lf > bytes.startIndex, bytes[lf - 1] == HTTPSyntax.cr else {
                    throw HTTPError(.badRequest, detail: "bare LF in chunked body")
                }
                let line = Array(bytes[bytes.startIndex..<(lf - 1)])
                guard line.count <= max else { throw lineTooLong(max) }
                reader.consume(lf + 1 - bytes.startIndex)
                return line
            }
            scanned = bytes.count
            guard scanned <= max + 1 else { throw lineTooLong(max) }
            try reader.fillBody(readTimeout: readTimeout)
        }
    }

    private func lineTooLong(_ max: Int) -> HTTPError {
        max == 2 ? HTTPError(.badRequest, detail: "chunk data is longer than its size")
            : HTTPError(.badRequest, detail: "chunk header or trailer line too long")
    }

    /// `1*HEXDIG [ BWS ";" chunk-ext ]`: leading zeros allowed, at most 15 significant digits.
    static func chunkSize(_ line: [UInt8]) throws(HTTPError) -> Int {
        let invalid = HTTPError(.badRequest, detail: "invalid chunk size")
        var index = 0
        var size = 0
        var significant = 0
        while index < line.count, let digit = RequestTarget.hexValue(line[index]) {
            if size > 0 || digit > 0 { significant += 1 }
            guard significant <= 15 else { throw invalid }
            size = size << 4 | Int(digit)
            index += 1
        }
        guard index > 0 else { throw invalid }
        guard index < line.count else { return size }
        // Whitespace is only allowed before an extension (BWS), never as trailing junk.
        while index < line.count, line[index] == HTTPSyntax.space || line[index] == HTTPSyntax.tab { index += 1 }
        guard index < line.count, line[index] == UInt8(ascii: ";") else { throw invalid }
        guard HTTPSyntax.isFieldValue(line[index...]) else { throw invalid }
        return size
    }
}
