import Dispatch
import Glibc

/// Unix signals as an async sequence, built on dispatch signal sources.
public enum Signals {
    /// Yields each delivery of any of `signals`; their default action is disabled while the stream lives.
    ///
    /// Ends when the consuming task is cancelled (the sources are then cancelled too).
    public static func stream(_ signals: [Int32] = [SIGTERM, SIGINT]) -> AsyncStream<Int32> {
        AsyncStream { continuation in
            let queue = DispatchQueue(label: "occ.signals")
            let sources = SignalSources(signals.map { number in
                // Ignore first, or the default action (terminate) would win over the dispatch source.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                return source
            })
            continuation.onTermination = { _ in sources.cancel() }
        }
    }

    /// Waits for the first of `signals`, or returns `nil` if cancelled.
    public static func first(of signals: [Int32] = [SIGTERM, SIGINT]) async -> Int32? {
        for await number in stream(signals) {
            return number
        }
        return nil
    }

    /// A readable name for common signals, for logs.
    public static func name(_ number: Int32) -> String {
        switch number {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        case SIGUSR1: "SIGUSR1"
        case SIGUSR2: "SIGUSR2"
        default: "signal \(number)"
        }
    }
}

/// Owns the dispatch sources of one stream.
// @unchecked Sendable: the array is never mutated after init, and DispatchSource.cancel() is thread-safe.
private final class SignalSources: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    init(_ sources: [any DispatchSourceSignal]) {
        self.sources = sources
    }

    func cancel() {
        sources.forEach { $0.cancel() }
    }
}
