/// A long-running unit of work (an HTTP server, a queue worker) that a `ServiceGroup` runs.
///
/// `run()` should return once its work is done; to shut down gracefully it registers a handler
/// with `withGracefulShutdownHandler(operation:onGracefulShutdown:)` or awaits `gracefulShutdown()`.
public protocol Service: Sendable {
    /// Runs until the service finishes, is shut down gracefully, or is cancelled.
    func run() async throws
}
