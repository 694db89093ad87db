/// Reading a request head under the configured limits and deadlines.
extension Connection {
    enum HeadOutcome {
        case head(RequestHead)
        case rejected(HTTPError)
        case closed
    }

    func readHead() -> HeadOutcome {
        guard let deadline = awaitRequestStart() else { return .closed }
        while true {
            skipLeadingEmptyLines()
            switch HeadScanner.scan(reader.bytes, limits: configuration.headLimits) {
            case .head(let head, let consumed):
                reader.consume(consumed)
                return .head(head)
            case .rejected(let error):
                return .rejected(error)
            case .incomplete:
                break
            }
            do {
                try reader.fill(until: min(deadline, .now + configuration.readTimeout))
            } catch .timedOut {
                return .rejected(HTTPError(.requestTimeout, detail: "timed out reading the request head"))
            } catch .full {
                return .rejected(HTTPError(.requestHeaderFieldsTooLarge,
                                           detail: "header section exceeds \(configuration.maxHeaderBytes) bytes"))
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
    private func skipLeadingEmptyLines() {
        while reader.available >= 2, reader.bytes.first == HTTPSyntax.cr,
              reader.bytes[reader.bytes.startIndex + 1] == HTTPSyntax.lf {
            reader.consume(2)
        }
    }
}
