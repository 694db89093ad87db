import Foundation

/// When a failed webhook delivery is tried again: the delay doubles from `firstDelay` up to
/// `maxDelay`, and attempts go on until `window` has passed since the delivery's window opened
/// (its event was raised, or an operator retried it). The last retry is placed at the window's
/// end, so a receiver is tried for the whole window; a failure after that is a dead letter.
public struct WebhookRetryPolicy: Sendable, Equatable {
    public var firstDelay: Duration
    public var maxDelay: Duration
    public var window: Duration

    public init(firstDelay: Duration = .seconds(30), maxDelay: Duration = .seconds(3600), window: Duration = .seconds(86_400)) {
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.window = window
    }

    public enum Next: Sendable, Equatable {
        case retry(at: Date)
        case deadLetter
    }

    /// The delay after failed attempt `attempt` (1-based), before jitter.
    public func delay(afterAttempt attempt: Int) -> Duration {
        let doublings = min(max(attempt - 1, 0), 40)
        let seconds = min(firstDelay.seconds * pow(2, Double(doublings)), maxDelay.seconds)
        return .milliseconds(Int64(seconds * 1000))
    }

    /// What follows failed attempt `attempt`. `jitter` (e.g. 0.9...1.1, drawn by the caller)
    /// scales the delay, so deliveries failing together do not retry together.
    public func next(afterAttempt attempt: Int, windowOpened: Date, now: Date, jitter: Double = 1) -> Next {
        let closes = windowOpened.addingTimeInterval(window.seconds)
        guard now < closes else { return .deadLetter }
        let at = now.addingTimeInterval(delay(afterAttempt: attempt).seconds * jitter)
        return .retry(at: min(at, closes))
    }
}

extension Duration {
    /// Seconds as a Double (attosecond precision is not needed for schedules).
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
