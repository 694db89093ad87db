import HTTP
import Postgres

/// The 503 every service answers when its database cannot serve a request now (see
/// `PostgresError.isUnavailability`), instead of a bare 500: clients and proxies can tell a
/// passing outage, worth retrying, from a fault.
public struct DatabaseUnavailable: HTTPResponseError {
    /// Seconds a client is asked to wait before retrying.
    public static let retryAfterSeconds = 5
    /// The problem `type`, stable for clients to branch on.
    public static let problemType = "https://occ.example/problems/service-unavailable"

    public init() {}

    public var status: HTTPStatus { .serviceUnavailable }

    public var headers: HTTPHeaders { ["Retry-After": String(Self.retryAfterSeconds)] }

    public func problem() -> Problem {
        Problem(type: Self.problemType, title: "Service temporarily unavailable", status: status,
                detail: "the service's database cannot answer right now; retry after the Retry-After delay")
    }

    /// For `Router.add(errorMapping:)`: a 503 for database unavailability, nil for anything else.
    @Sendable public static func mapping(_ error: any Error) -> (any HTTPResponseError)? {
        guard let error = error as? PostgresError, error.isUnavailability else { return nil }
        return DatabaseUnavailable()
    }
}
