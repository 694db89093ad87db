/// Writes a job's outcome, retrying failures (a restarting server, a dropped connection) with
/// exponential backoff and jitter until `window` has passed since the first try.
///
/// Delays start at `firstDelay` and double up to `maxDelay`, each drawn from 50–100 % of its
/// nominal value so that a fleet of workers does not retry in step; the last try is made as the
/// window closes. The sleeps run on whatever task calls `run`: never a connection's thread here
/// (the completer's detached flush task, or a job's own task after its handler has returned).
struct OutcomeRetry: Sendable {
    static let firstDelay: Duration = .milliseconds(100)
    static let maxDelay: Duration = .seconds(5)

    let window: Duration

    /// True once `write` succeeded; false when the window closed or `giveUp` said stop (a hard
    /// shutdown). `onFailure` sees every failed try with its 1-based number.
    func run(
        _ write: () async throws -> Void,
        onFailure: (Error, Int) -> Void,
        giveUp: () -> Bool
    ) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + window
        var delay = Self.firstDelay
        var tries = 0
        while true {
            tries += 1
            do {
                try await write()
                return true
            } catch {
                onFailure(error, tries)
            }
            let now = clock.now
            if giveUp() || now >= deadline { return false }
            try? await clock.sleep(until: min(now + delay * Double.random(in: 0.5...1), deadline))
            delay = min(delay * 2, Self.maxDelay)
        }
    }
}
