/// Handing a request to its handler task and serving the task's body reads from this thread.
extension Connection {
    /// Runs one request through the router; `true` if the connection stays open.
    func exchange(_ head: RequestHead, framing: RequestFraming) -> Bool {
        let resolution = core.router.resolve(method: head.method, path: RequestTarget.split(head.target).path)
        let limit = resolution.maxBodyBytes ?? configuration.maxBodyBytes
        if case .length(let length) = framing.body, length > limit {
            reject(HTTPError(.contentTooLarge, detail: "request body exceeds \(limit) bytes"))
            return false
        }
        let exchange = Exchange()
        let request = makeRequest(head, framing: framing, source: exchange)
        let router = core.router
        let task = Task(executorPreference: exchange) {
            exchange.post(.respond(await router.respond(to: request, resolution: resolution)))
        }
        handle.begin(exchange, task: task)
        let timeout = resolution.timeout ?? configuration.requestTimeout
        let deadline = armDeadline(after: timeout, exchange: exchange, task: task)
        defer {
            core.deadlines.disarm(deadline)
            handle.end()
        }
        var reading = BodyReading(
            decoder: BodyDecoder(framing: framing.body, limit: limit, maxTrailerBytes: configuration.maxHeaderBytes,
                                 readTimeout: configuration.readTimeout),
            awaitingContinue: framing.expectContinue)
        guard let response = awaitResponse(from: exchange, reading: &reading, expired: {
            deadlineExceeded(head, route: resolution.routeDescription, timeout: timeout)
        }) else { return false }
        let bodyRead = finish(&reading)
        let keepAlive = framing.keepAlive && !core.state.isDraining && bodyRead
        guard write(response, includeBody: head.method != .head, version: head.version, keepAlive: keepAlive) else {
            return false
        }
        // Only unread input makes an immediate close reset the connection under the client's feet.
        if !keepAlive, !bodyRead || reader.available > 0 {
            handle.socket.lingeringClose(for: configuration.lingerTimeout)
        }
        return keepAlive
    }

    private func makeRequest(_ head: RequestHead, framing: RequestFraming, source: Exchange) -> Request {
        let body: RequestBody = switch framing.body {
        case .none: .empty
        case .length(let length): RequestBody(source: source, declaredLength: length)
        case .chunked: RequestBody(source: source, declaredLength: nil)
        }
        return Request(method: head.method, target: head.target, headers: head.headers, body: body,
                       version: head.version, remoteAddress: remoteAddress)
    }

    /// Serves the handler's body reads until it responds or its deadline passes (then `expired()`
    /// answers); `nil` if the connection is being force-closed.
    private func awaitResponse(
        from exchange: Exchange, reading: inout BodyReading, expired: () -> Response
    ) -> Response? {
        defer { exchange.close() }
        while true {
            switch exchange.take() {
            case .job(let job):
                job.runSynchronously(on: exchange.asUnownedTaskExecutor())
            case .read(let continuation):
                continuation.resume(with: Result { () throws(HTTPError) in try read(&reading) })
            case .respond(let response):
                return response
            case .expire:
                return expired()
            case .abort:
                return nil
            }
        }
    }

    /// Body-reading progress of one exchange.
    struct BodyReading {
        var decoder: BodyDecoder
        var awaitingContinue: Bool
        var failure: HTTPError?
    }

    /// One body read for the handler; the first sends `100 Continue` if the client asked for it.
    private func read(_ body: inout BodyReading) throws(HTTPError) -> [UInt8]? {
        if let failure = body.failure { throw failure }
        do throws(HTTPError) {
            if body.awaitingContinue {
                body.awaitingContinue = false
                let interim = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
                guard handle.socket.sendAll(interim, deadline: .now + configuration.writeTimeout) else {
                    throw HTTPError(.badRequest, detail: "connection lost")
                }
            }
            return try body.decoder.next(from: &reader)
        } catch {
            body.failure = error
            throw error
        }
    }

    /// After the handler is done: whether the request's body has been (or can cheaply be) read to its end,
    /// which is required before another request can be parsed from this connection.
    private func finish(_ body: inout BodyReading) -> Bool {
        guard body.failure == nil else { return false }
        if body.decoder.isComplete { return true }
        // The client is still waiting for `100 Continue` and has not sent the body: it cannot be skipped.
        guard !body.awaitingContinue else { return false }
        var drained = 0
        do {
            while drained < Connection.maxDrainBytes, let chunk = try body.decoder.next(from: &reader) {
                drained += chunk.count
            }
        } catch {
            return false
        }
        return body.decoder.isComplete
    }

    /// Unread body left by a handler is discarded up to this size to keep the connection; beyond it we close.
    static let maxDrainBytes = 256 * 1024
}
