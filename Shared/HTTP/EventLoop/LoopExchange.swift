/// One request in flight on an event-loop connection: its handler task and the body-reading state.
struct LoopExchange {
    let number: Int
    let head: RequestHead
    let framing: RequestFraming
    let route: String?
    let timeout: Duration
    let deadline: ContinuousClock.Instant
    let task: Task<Void, Never>
    var decoder: BodyDecoder
    var awaitingContinue: Bool
    var failure: HTTPError?
    /// The handler's body read waiting for bytes.
    var pendingRead: CheckedContinuation<[UInt8]?, any Error>?
    /// Since when the body has been waiting for the client (`nil` while it is not).
    var starvedSince: ContinuousClock.Instant?
    /// Time spent waiting for the client's body bytes, over all reads so far.
    var starvedTotal: Duration = .zero
    var bodyBytes = 0
    /// The handler's answer (or the deadline's), written once the body is settled.
    var response: Response?
    var drained = 0

    /// Whether the client has sent body bytes more slowly than `rate` bytes/s, counting only the
    /// time the server was waiting for them, after a `grace` period.
    func tooSlow(now: ContinuousClock.Instant, rate: Int, grace: Duration) -> Bool {
        let waited = starvedTotal + (starvedSince.map { now - $0 } ?? .zero)
        return LoopConnection.belowRate(bytes: bodyBytes, over: waited, rate: rate, grace: grace)
    }
}
