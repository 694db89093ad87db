import Synchronization

/// The simulator's assertions: each is printed as it is decided, failures are kept for the verdict.
final class SimulatorChecks: Sendable {
    private let failures = Mutex<[String]>([])

    /// Records `what` as passed when `condition` holds, else as failed with `detail`.
    @discardableResult
    func expect(_ condition: Bool, _ what: String, detail: @autoclosure () -> String = "") -> Bool {
        if condition {
            emit("  ✓ \(what)")
        } else {
            let detail = detail()
            emit("  ✗ \(what)\(detail.isEmpty ? "" : ": \(detail)")")
            failures.withLock { $0.append(what) }
        }
        return condition
    }

    var failed: [String] { failures.withLock { $0 } }
}
