/// Why the server could not start.
public enum HTTPServerError: Error, CustomStringConvertible {
    /// The address could not be resolved, bound or listened on.
    case bindFailed(address: String, reason: String)

    public var description: String {
        switch self {
        case .bindFailed(let address, let reason): "cannot listen on \(address): \(reason)"
        }
    }
}
