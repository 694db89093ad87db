import Foundation

/// How much longer than usual a test may wait for something that is bound to happen.
/// Sanitized builds run 2–15× slower, so `deploy/ci/sanitizers.sh` sets `OCC_TEST_TIME_SCALE`;
/// a passing test never waits the bound, so a generous one costs nothing.
public enum TestTime {
    public static let scale: Int = {
        guard let text = ProcessInfo.processInfo.environment["OCC_TEST_TIME_SCALE"],
              let value = Int(text), value >= 1 else { return 1 }
        return min(value, 20)
    }()

    public static func scaled(_ limit: Duration) -> Duration { limit * scale }
}

/// Polls `condition` (a wait for database state, which no signal announces; tests order their
/// own concurrent steps with signals) until it holds or `limit`, scaled by `TestTime.scale`,
/// passes; returns whether it held. The default is generous (60 s) because suites run in parallel
/// on shared machines: at load averages above 20 on two cores, retries with backoff took over 20 s.
public func eventually(
    within limit: Duration = .seconds(60), poll: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async throws -> Bool {
    let deadline = ContinuousClock.now + TestTime.scaled(limit)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: poll)
    }
    return try await condition()
}
