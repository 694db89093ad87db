import Dispatch
@testable import HTTP
import Synchronization
import Testing

@Suite struct DeadlineTimerTests {
    /// Fires the armed deadlines in due order and never a disarmed one. A first deadline holds
    /// the timer's thread while the others are armed and disarmed, so none can fire early however
    /// slowly the test runs; the last one is due after every disarmed one, and the timer fires in
    /// due order, so once it has fired every disarmed deadline has had its chance.
    @Test(arguments: [40, 3000])
    func firesArmedDeadlinesInOrderAndNeverDisarmedOnes(count: Int) async throws {
        let timer = DeadlineTimer()
        defer { timer.stop() }
        let gate = DispatchSemaphore(value: 0)
        let (holding, hold) = AsyncStream.makeStream(of: Void.self)
        _ = timer.arm(after: .zero) {
            hold.yield()
            gate.wait()
        }
        for await _ in holding { break }
        let fired = Mutex<[Int]>([])
        let (done, finish) = AsyncStream.makeStream(of: Void.self)
        let start = ContinuousClock.now
        var tokens: [Int: DeadlineTimer.Token] = [:]
        // Shuffled, so the heap sees due times out of order.
        for index in (0..<count).shuffled() {
            tokens[index] = timer.arm(at: start + .microseconds(10 * index)) {
                fired.withLock { $0.append(index) }
                if index == count - 1 { finish.yield() }
            }
        }
        // Nine in ten (enough to make the timer rebuild its heap at the larger count).
        let disarmed = Set((0..<count - 1).filter { $0 % 10 != 0 })
        for index in disarmed { timer.disarm(tokens[index]!) }
        gate.signal()
        for await _ in done { break }
        #expect(fired.withLock { $0 } == (0..<count).filter { !disarmed.contains($0) })
    }
}
