/// Writing responses.
extension Connection {
    /// Writes `response` with server-owned framing; `false` if the peer is gone or too slow to read it.
    func write(_ response: Response, includeBody: Bool, version: HTTPVersion, keepAlive: Bool) -> Bool {
        let sendsBody = includeBody && response.status.allowsBody
        var bytes = ResponseSerializer.head(for: response, keepAlive: keepAlive, version: version,
                                            bodyLength: response.body.count, date: HTTPDate.now())
        let deadline = ContinuousClock.now + configuration.writeTimeout
        guard sendsBody, !response.body.isEmpty else { return handle.socket.sendAll(bytes, deadline: deadline) }
        // Small bodies go out with the head in one segment; large ones are sent separately rather than copied.
        if response.body.count <= 64 * 1024 {
            bytes += response.body
            return handle.socket.sendAll(bytes, deadline: deadline)
        }
        return handle.socket.sendAll(bytes, deadline: deadline) && handle.socket.sendAll(response.body, deadline: deadline)
    }
}
