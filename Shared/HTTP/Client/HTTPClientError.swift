/// Why a client request failed.
public enum HTTPClientError: Error, Equatable, CustomStringConvertible {
    /// The server could not be reached.
    case connectFailed(String)
    /// No complete response arrived in time.
    case timedOut
    /// The server closed the connection before a complete response.
    case connectionClosed
    /// The response was not valid HTTP/1.1.
    case invalidResponse(String)

    public var description: String {
        switch self {
        case .connectFailed(let reason): "connection failed: \(reason)"
        case .timedOut: "timed out"
        case .connectionClosed: "connection closed by the server"
        case .invalidResponse(let reason): "invalid response: \(reason)"
        }
    }
}
