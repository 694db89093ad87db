import Synchronization

/// The graceful-shutdown trigger a `ServiceGroup` hands to each service through a task local.
final class GracefulShutdown: Sendable {
    @TaskLocal static var current: GracefulShutdown?

    private struct State {
        var triggered = false
        var nextID = 0
        var handlers: [Int: @Sendable () -> Void] = [:]
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    }

    private let state = Mutex(State())

    var isTriggered: Bool {
        state.withLock { $0.triggered }
    }

    /// Runs every registered handler and wakes every waiter, once.
    func trigger() {
        let (handlers, waiters) = state.withLock { state -> ([@Sendable () -> Void], [CheckedContinuation<Void, any Error>]) in
            guard !state.triggered else { return ([], []) }
            state.triggered = true
            defer {
                state.handlers = [:]
                state.waiters = [:]
            }
            return (Array(state.handlers.values), Array(state.waiters.values))
        }
        handlers.forEach { $0() }
        waiters.forEach { $0.resume() }
    }

    /// Registers `handler`; returns `nil` (without calling it) if shutdown has already begun.
    func register(_ handler: @escaping @Sendable () -> Void) -> Int? {
        state.withLock { state in
            guard !state.triggered else { return nil }
            state.nextID += 1
            state.handlers[state.nextID] = handler
            return state.nextID
        }
    }

    func unregister(_ id: Int) {
        _ = state.withLock { $0.handlers.removeValue(forKey: id) }
    }

    /// Suspends until triggered; throws `CancellationError` if the task is cancelled first.
    func wait() async throws {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> (any Error)?? in
                    if state.triggered { return .some(nil) }
                    if Task.isCancelled { return .some(CancellationError()) }
                    state.waiters[id] = continuation
                    return .none
                }
                if let outcome = resumeNow {
                    if let error = outcome { continuation.resume(throwing: error) } else { continuation.resume() }
                }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }
}

/// Runs `operation`, calling `onGracefulShutdown` (at most once) when the enclosing `ServiceGroup` begins a
/// graceful shutdown of this service; if shutdown has already begun it is called straight away.
public func withGracefulShutdownHandler<T>(
    operation: () async throws -> T,
    onGracefulShutdown: @escaping @Sendable () -> Void
) async rethrows -> T {
    guard let shutdown = GracefulShutdown.current else { return try await operation() }
    guard let id = shutdown.register(onGracefulShutdown) else {
        onGracefulShutdown()
        return try await operation()
    }
    defer { shutdown.unregister(id) }
    return try await operation()
}

/// Suspends until the enclosing `ServiceGroup` asks this service to shut down gracefully.
///
/// Throws `CancellationError` when the task is cancelled first; outside a group it waits for cancellation.
public func gracefulShutdown() async throws {
    if let shutdown = GracefulShutdown.current {
        try await shutdown.wait()
    } else {
        try await GracefulShutdown().wait()
    }
}

extension Task where Success == Never, Failure == Never {
    /// Whether the enclosing `ServiceGroup` has asked the current service to shut down.
    public static var isShuttingDownGracefully: Bool {
        GracefulShutdown.current?.isTriggered ?? false
    }
}
