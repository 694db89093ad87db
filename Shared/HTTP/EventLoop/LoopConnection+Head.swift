/// Receiving request heads.
extension LoopConnection {
    /// Tries to take a complete head from the buffer; `false` while more bytes are needed.
    func readHead() -> Bool {
        // RFC 9112 §2.2: a server should ignore empty lines received before the request line.
        while input.available >= 2, input.bytes.first == HTTPSyntax.cr,
              input.bytes[input.bytes.startIndex + 1] == HTTPSyntax.lf {
            input.consume(2)
        }
        switch HeadScanner.scan(input.bytes, limits: configuration.headLimits) {
        case .incomplete:
            return false
        case .rejected(let error):
            reject(error)
        case .head(let head, let consumed):
            input.consume(consumed)
            do {
                begin(head, framing: try RequestFraming(head))
            } catch {
                reject(error)
            }
        }
        return true
    }

    /// Answers a request that never reaches a handler, then closes.
    func reject(_ error: HTTPError) {
        core.instruments?.protocolError(error.status)
        core.logger.debug("rejected request", [
            "status": String(error.status.code), "reason": error.detail ?? "", "remote": remoteAddress,
        ])
        write(error.response(), includeBody: true, version: .http1_1, keepAlive: false, linger: true)
    }
}
