/// Running a request's handler as a task off the loop and serving its body reads from the loop.
extension LoopConnection {
    /// Starts the handler for `head`, or answers at once when the declared body is over the limit.
    func begin(_ head: RequestHead, framing: RequestFraming) {
        let resolution = core.router.resolve(method: head.method, path: RequestTarget.split(head.target).path)
        let limit = resolution.maxBodyBytes ?? configuration.maxBodyBytes
        if case .length(let length) = framing.body, length > limit {
            return reject(HTTPError(.contentTooLarge, detail: "request body exceeds \(limit) bytes"))
        }
        let number = requestsServed
        let source = LoopBodySource(loop: loop, connection: id, request: number)
        let body: RequestBody = switch framing.body {
        case .none: .empty
        case .length(let length): RequestBody(source: source, declaredLength: length)
        case .chunked: RequestBody(source: source, declaredLength: nil)
        }
        let request = Request(method: head.method, target: head.target, headers: head.headers, body: body,
                              version: head.version, remoteAddress: remoteAddress)
        let router = core.router
        let (loop, id) = (self.loop, self.id)
        let task = Task {
            loop.post(.respond(id: id, request: number, await router.respond(to: request, resolution: resolution)))
        }
        let timeout = resolution.timeout ?? configuration.requestTimeout
        phase = .handling(LoopExchange(
            number: number, head: head, framing: framing, route: resolution.routeDescription, timeout: timeout,
            deadline: .now + timeout, task: task,
            decoder: BodyDecoder(framing: framing.body, limit: limit, maxTrailerBytes: configuration.maxHeaderBytes,
                                 readTimeout: configuration.readTimeout),
            awaitingContinue: framing.expectContinue))
    }

    /// A body read from the handler of request `number`.
    func read(request number: Int, _ continuation: CheckedContinuation<[UInt8]?, any Error>) {
        guard case .handling(var exchange) = phase, exchange.number == number, exchange.response == nil,
              exchange.pendingRead == nil else {
            return continuation.resume(throwing: HTTPError(.internalServerError, detail: "the request body is no longer available"))
        }
        exchange.pendingRead = continuation
        phase = .handling(exchange)
        advance()
    }

    /// The handler of request `number` answered; ignored when the deadline already did.
    func respond(request number: Int, _ response: Response) {
        guard case .handling(var exchange) = phase, exchange.number == number, exchange.response == nil else { return }
        exchange.response = response
        phase = .handling(exchange)
        advance()
    }

    /// Serves a pending body read, or settles the body once answered; `true` if anything changed.
    func serve(_ exchange: inout LoopExchange) -> Bool {
        if let response = exchange.response {
            guard let bodyRead = settleBody(&exchange, status: response.status) else { return false }
            let keepAlive = exchange.framing.keepAlive && !core.state.isDraining && bodyRead
            // Only unread input makes an immediate close reset the connection under the client's feet.
            let linger = !keepAlive && (!bodyRead || input.available > 0)
            write(response, includeBody: exchange.head.method != .head, version: exchange.head.version,
                  keepAlive: keepAlive, linger: linger)
            return true
        }
        guard let continuation = exchange.pendingRead else { return false }
        if let failure = exchange.failure {
            exchange.pendingRead = nil
            continuation.resume(throwing: failure)
            return true
        }
        if exchange.awaitingContinue {
            exchange.awaitingContinue = false
            queue(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        do throws(HTTPError) {
            let chunk = try exchange.decoder.next(from: &input)
            exchange.bodyBytes += chunk?.count ?? 0
            stopWaiting(&exchange)
            exchange.pendingRead = nil
            continuation.resume(returning: chunk)
        } catch {
            guard input.starved, !peerClosed else {
                let failure = input.starved ? HTTPError(.badRequest, detail: "connection closed before the body was complete") : error
                exchange.failure = failure
                exchange.pendingRead = nil
                continuation.resume(throwing: failure)
                return true
            }
            if exchange.starvedSince == nil { exchange.starvedSince = .now }
            return false
        }
        return true
    }

    /// Whether the body is read to its end (so another request may follow), reading and discarding a
    /// small unread remainder of a successful request; `nil` while waiting for those bytes.
    ///
    /// An error answer (401, 413, …) is sent without reading the body: the connection then closes,
    /// so a client cannot make the server read what it has already refused.
    private func settleBody(_ exchange: inout LoopExchange, status: HTTPStatus) -> Bool? {
        exchange.pendingRead?.resume(throwing: HTTPError(.internalServerError, detail: "the request was answered"))
        exchange.pendingRead = nil
        guard exchange.failure == nil else { return false }
        if exchange.decoder.isComplete { return true }
        // The client is still waiting for `100 Continue` and has not sent the body: it cannot be skipped.
        guard !exchange.awaitingContinue, status.code < 400 else { return false }
        do throws(HTTPError) {
            while exchange.drained < Connection.maxDrainBytes, let chunk = try exchange.decoder.next(from: &input) {
                exchange.drained += chunk.count
                exchange.bodyBytes += chunk.count
            }
        } catch {
            guard input.starved, !peerClosed else { return false }
            if exchange.starvedSince == nil { exchange.starvedSince = .now }
            return nil
        }
        stopWaiting(&exchange)
        return exchange.decoder.isComplete
    }

    private func stopWaiting(_ exchange: inout LoopExchange) {
        if let since = exchange.starvedSince { exchange.starvedTotal += .now - since }
        exchange.starvedSince = nil
    }
}
