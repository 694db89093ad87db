/// Received bytes a `BodyDecoder` reads from.
///
/// Each decoding step either completes from the bytes at hand or calls `fillBody` before consuming
/// anything, so an input that cannot wait (an event loop's buffer) may throw there and the step is
/// simply retried once more bytes arrived.
protocol BodyInput {
    var available: Int { get }
    var bytes: ArraySlice<UInt8> { get }
    mutating func consume(_ count: Int)
    mutating func take(upTo count: Int) -> [UInt8]
    /// Makes at least one more byte available, or throws (408 when the peer stalls, 400 when it closed).
    mutating func fillBody(readTimeout: Duration) throws(HTTPError)
}

extension SocketReader: BodyInput {
    mutating func fillBody(readTimeout: Duration) throws(HTTPError) {
        do {
            try fill(until: .now + readTimeout)
        } catch .timedOut {
            throw HTTPError(.requestTimeout, detail: "timed out reading the request body")
        } catch {
            throw HTTPError(.badRequest, detail: "connection closed before the body was complete")
        }
    }
}
