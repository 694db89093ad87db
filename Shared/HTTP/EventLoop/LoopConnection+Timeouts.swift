/// The clock's part: the loop's tick checks every deadline and minimum data rate of a connection.
extension LoopConnection {
    /// Applies whichever limit has passed at `now`.
    func tick(_ now: ContinuousClock.Instant) {
        switch phase {
        case .idle(let since):
            // Before the first request the header timeout applies, between requests the idle timeout.
            let limit = requestsServed == 0 ? configuration.headerTimeout : configuration.idleTimeout
            if now - since >= limit { close() }
        case .head(let started, let deadline):
            if now >= deadline || Self.belowRate(bytes: input.available, over: now - started,
                                                  rate: configuration.minDataRate, grace: configuration.dataRateGrace) {
                reject(HTTPError(.requestTimeout, detail: "timed out reading the request head"))
                advance()
            }
        case .handling(var exchange):
            expireIfDue(&exchange, now: now)
            if exchange.starvedSince != nil, exchange.failure == nil {
                if now - exchange.starvedSince! >= configuration.readTimeout {
                    exchange.failure = HTTPError(.requestTimeout, detail: "timed out reading the request body")
                } else if exchange.tooSlow(now: now, rate: configuration.minDataRate, grace: configuration.dataRateGrace) {
                    exchange.failure = HTTPError(
                        .requestTimeout, detail: "the request body arrived slower than \(configuration.minDataRate) bytes/s")
                }
            }
            phase = .handling(exchange)
            advance()
        case .writing:
            if now >= writeDeadline { close() }
        case .lingering(let deadline, _):
            if now >= deadline { close() }
        case .closed:
            break
        }
    }

    /// Past the request timeout the handler is cancelled and the client is told to retry (see
    /// `Connection.deadlineExceeded` for why 503).
    private func expireIfDue(_ exchange: inout LoopExchange, now: ContinuousClock.Instant) {
        guard exchange.response == nil, now >= exchange.deadline else { return }
        core.instruments?.deadlineExceeded.increment()
        core.logger.warning("request deadline exceeded", [
            "method": exchange.head.method.rawValue, "route": exchange.route ?? "",
            "timeout_ms": String(exchange.timeout.components.seconds * 1000
                + exchange.timeout.components.attoseconds / 1_000_000_000_000_000),
            "remote": remoteAddress,
        ])
        exchange.response = HTTPError(
            .serviceUnavailable, detail: "the request was not answered within the server's time limit and was cancelled; retry later",
            headers: ["Retry-After": String(Connection.deadlineRetryAfter)]
        ).response()
        Self.cancel(exchange.task)
    }

    /// Graceful shutdown reaches this connection: an idle one closes now, others after their answer.
    func drain() {
        if case .idle = phase, input.available == 0 { close() }
    }
}

