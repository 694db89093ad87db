import Runtime

/// Logs one line per request: method, path (never the query, which may hold secrets), route, status,
/// duration and request id.
public struct AccessLogMiddleware: Middleware {
    let logger: Logger
    let level: LogLevel

    /// Logs through `logger` at `level`.
    public init(logger: Logger, level: LogLevel = .info) {
        self.logger = logger
        self.level = level
    }

    public func handle(_ request: Request, next: (Request) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request)
        guard logger.isEnabled(level) else { return response }
        let elapsed = (ContinuousClock.now - start).components
        let milliseconds = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
        logger.log(level, "request", [
            "method": request.method.rawValue,
            "path": String(request.path.prefix(512)),
            "route": request.route ?? "",
            "status": String(response.status.code),
            "duration_ms": String(format: milliseconds),
            "bytes": String(response.body.count),
            "request_id": request.context.requestID,
            "remote": request.remoteAddress ?? "",
        ])
        return response
    }
}

private extension String {
    /// Milliseconds with three decimals, without Foundation's formatter.
    init(format milliseconds: Double) {
        let micros = Int((milliseconds * 1000).rounded())
        let fraction = String(micros % 1000)
        self = "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
