import Synchronization

/// Mutable per-request state shared by reference along the middleware chain.
///
/// The request id middleware sets `requestID`; an authentication middleware stores its principal, which the
/// handler reads back with `principal(as:)`.
public final class RequestContext: Sendable {
    private struct State {
        var requestID: String
        var principal: (any Sendable)?
    }

    private let state: Mutex<State>

    /// A context with a freshly generated request id.
    public init(requestID: String = RequestContext.makeRequestID()) {
        state = Mutex(State(requestID: requestID))
    }

    /// The id that correlates logs, responses (`X-Request-Id`) and downstream jobs.
    public var requestID: String {
        get { state.withLock { $0.requestID } }
        set { state.withLock { $0.requestID = newValue } }
    }

    /// Whoever the request was authenticated as; `nil` until an auth middleware sets it.
    public var principal: (any Sendable)? {
        get { state.withLock { $0.principal } }
        set { state.withLock { $0.principal = newValue } }
    }

    /// The principal if it is a `T`.
    public func principal<T: Sendable>(as type: T.Type) -> T? {
        principal as? T
    }

    /// 32 random lower-case hex digits.
    public static func makeRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = String(generator.next() as UInt64, radix: 16)
        let low = String(generator.next() as UInt64, radix: 16)
        return String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count) + low
    }
}
