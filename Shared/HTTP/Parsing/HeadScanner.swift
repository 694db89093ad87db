/// Finds a complete request head at the front of the bytes received so far, applying the head
/// limits as bytes arrive so an oversized head is refused before it is complete.
enum HeadScanner {
    enum Outcome {
        /// More bytes are needed.
        case incomplete
        /// A parsed head and the bytes it took, including the final empty line.
        case head(RequestHead, consumed: Int)
        case rejected(HTTPError)
    }

    /// Scans `bytes`, which must not start with the empty lines RFC 9112 §2.2 lets a server skip.
    static func scan(_ bytes: ArraySlice<UInt8>, limits: HeadLimits) -> Outcome {
        var requestLineEnd: Int?
        var index = bytes.startIndex
        while let lf = bytes[index...].firstIndex(of: HTTPSyntax.lf) {
            guard lf > bytes.startIndex, bytes[lf - 1] == HTTPSyntax.cr else {
                return .rejected(HTTPError(.badRequest, detail: "line ends must be CRLF"))
            }
            let offset = lf - 1 - bytes.startIndex
            if let lineEnd = requestLineEnd {
                if offset >= 2, bytes[lf - 2] == HTTPSyntax.lf {
                    guard offset - 2 - lineEnd <= limits.maxHeaderBytes else { return .rejected(headersTooLarge(limits)) }
                    do {
                        let head = try RequestHeadParser.parse(bytes[bytes.startIndex..<(lf - 3)], limits: limits)
                        return .head(head, consumed: offset + 2)
                    } catch {
                        return .rejected(error)
                    }
                }
            } else {
                guard offset <= limits.maxRequestLineBytes else { return .rejected(requestLineTooLong(limits)) }
                requestLineEnd = offset
            }
            index = lf + 1
        }
        if let lineEnd = requestLineEnd {
            guard bytes.count - lineEnd <= limits.maxHeaderBytes + 4 else { return .rejected(headersTooLarge(limits)) }
        } else {
            guard bytes.count <= limits.maxRequestLineBytes + 2 else { return .rejected(requestLineTooLong(limits)) }
        }
        return .incomplete
    }

    private static func requestLineTooLong(_ limits: HeadLimits) -> HTTPError {
        HTTPError(.uriTooLong, detail: "request line exceeds \(limits.maxRequestLineBytes) bytes")
    }

    private static func headersTooLarge(_ limits: HeadLimits) -> HTTPError {
        HTTPError(.requestHeaderFieldsTooLarge, detail: "header section exceeds \(limits.maxHeaderBytes) bytes")
    }
}
