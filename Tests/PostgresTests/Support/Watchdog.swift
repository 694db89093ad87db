import Foundation
import Synchronization

/// Runs `action` on its own thread after `seconds` unless disarmed first: a safety net that ends a
/// test which would otherwise hang, and reports whether it had to.
final class Watchdog: Sendable {
    private let disarmed = DispatchSemaphore(value: 0)
    private let firedFlag = Atomic(false)

    init(after seconds: Int, _ action: @escaping @Sendable () -> Void) {
        Thread.detachNewThread { [self] in
            guard disarmed.wait(timeout: .now() + .seconds(seconds)) == .timedOut else { return }
            firedFlag.store(true, ordering: .sequentiallyConsistent)
            action()
        }
    }

    var fired: Bool { firedFlag.load(ordering: .sequentiallyConsistent) }

    func disarm() { disarmed.signal() }
}
