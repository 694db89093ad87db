/// The request timeout: past it the handler is cancelled and the client is told to retry.
///
/// 503 rather than 504: no gateway timed out (a 504 from the proxy in front means *it* gave up
/// on us, and the two must stay apart in its logs), the client did nothing wrong (not 408), and
/// the remedy is the one for an overloaded or degraded service: retry after `Retry-After`.
extension Connection {
    /// Seconds a client is asked to wait before retrying a request that overran its deadline.
    static let deadlineRetryAfter = 5

    /// Arms the deadline of one exchange on the server's timer thread, never this one: the handler
    /// runs here and may block it in a database call, which the cancellation is what interrupts.
    func armDeadline(after timeout: Duration, exchange: Exchange, task: Task<Void, Never>) -> DeadlineTimer.Token {
        core.deadlines.arm(after: timeout) {
            // The answer is queued first, so it goes out before anything the cancelled handler posts.
            exchange.post(.expire)
            // Cancelling can block (a running query's cancel request is a round trip to the
            // database server, which may be unreachable), so it never runs on the timer thread.
            if !OSThread.spawn(stackSize: 256 * 1024, { task.cancel() }) { task.cancel() }
        }
    }

    /// The 503 for a request whose handler overran `timeout`; logged and counted here because the
    /// router's access log and metrics only see the handler's own, discarded, answer.
    func deadlineExceeded(_ head: RequestHead, route: String?, timeout: Duration) -> Response {
        core.instruments?.deadlineExceeded.increment()
        core.logger.warning("request deadline exceeded", [
            "method": head.method.rawValue, "route": route ?? "", "timeout_ms": String(Self.milliseconds(timeout)),
            "remote": remoteAddress,
        ])
        return HTTPError(
            .serviceUnavailable, detail: "the request was not answered within the server's time limit and was cancelled; retry later",
            headers: ["Retry-After": String(Self.deadlineRetryAfter)]
        ).response()
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
