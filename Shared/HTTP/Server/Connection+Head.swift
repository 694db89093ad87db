/// Reading a request head under the configured limits and deadlines.
extension Connection {
    enum HeadOutcome {
        case head(RequestHead)
        case rejected(HTTPError)
        case closed
    }

    func readHead() -> HeadOutcome {
        guard let deadline = awaitRequestStart() else { return .closed }
        let limits = configuration.headLimits
        var scanned = 0
        var requestLineEnd: Int?
        while true {
            skipLeadingEmptyLines(&scanned)
            let bytes = reader.bytes
            var index = bytes.startIndex + scanned
            while let lf = bytes[index...].firstIndex(of: HTTPSyntax.lf) {
                guard lf > bytes.startIndex, bytes[lf - 1] == HTTPSyntax.cr else {
                    return .rejected(HTTPError(.badRequest, detail: "line ends must be CRLF"))
                }
                let offset = lf - 1 - bytes.startIndex
                if let lineEnd = requestLineEnd {
                    if offset >= 2, bytes[lf - 2] == HTTPSyntax.lf {
                        guard offset - 2 - lineEnd <= limits.maxHeaderBytes else { return .rejected(headersTooLarge) }
                        let head = bytes[bytes.startIndex..<(lf - 3)]
                        let result: HeadOutcome
                        do {
                            result = .head(try RequestHeadParser.parse(head, limits: limits))
                        } catch {
                            result = .rejected(error)
                        }
                        reader.consume(offset + 2)
                        return result
                    }
                } else {
                    guard offset <= limits.maxRequestLineBytes else { return .rejected(requestLineTooLong) }
                    requestLineEnd = offset
                }
                index = lf + 1
            }
            scanned = bytes.count
            if let lineEnd = requestLineEnd {
                guard scanned - lineEnd <= limits.maxHeaderBytes + 4 else { return .rejected(headersTooLarge) }
            } else {
                guard scanned <= limits.maxRequestLineBytes + 2 else { return .rejected(requestLineTooLong) }
            }
            do {
                try reader.fill(until: min(deadline, .now + configuration.readTimeout))
            } catch .timedOut {
                return .rejected(HTTPError(.requestTimeout, detail: "timed out reading the request head"))
            } catch .full {
                return .rejected(headersTooLarge)
            } catch {
                return .closed
            }
        }
    }

    /// Waits for the first byte of the next request; returns the deadline for the whole head, or `nil` when
    /// the connection should close (idle timeout, peer gone, server draining).
    private func awaitRequestStart() -> ContinuousClock.Instant? {
        if reader.available > 0 { return .now + configuration.headerTimeout }
        guard !core.state.isDraining else { return nil }
        let firstRequest = requestsServed == 0
        let deadline = firstRequest ? acceptedAt + configuration.headerTimeout : .now + configuration.idleTimeout
        do {
            try reader.fill(until: deadline, wake: core.wake.readFD)
        } catch {
            return nil
        }
        return firstRequest ? deadline : .now + configuration.headerTimeout
    }

    /// RFC 9112 §2.2: a server should ignore empty lines received before the request line.
    private func skipLeadingEmptyLines(_ scanned: inout Int) {
        guard scanned == 0 else { return }
        while reader.available >= 2, reader.bytes.first == HTTPSyntax.cr,
              reader.bytes[reader.bytes.startIndex + 1] == HTTPSyntax.lf {
            reader.consume(2)
        }
    }

    private var requestLineTooLong: HTTPError {
        HTTPError(.uriTooLong, detail: "request line exceeds \(configuration.maxRequestLineBytes) bytes")
    }

    private var headersTooLarge: HTTPError {
        HTTPError(.requestHeaderFieldsTooLarge, detail: "header section exceeds \(configuration.maxHeaderBytes) bytes")
    }
}
