import Foundation
import Runtime
import Synchronization
import Testing

@Suite struct BlockingThreadTests {
    @Test func onlyMarkedThreadsReportThemselvesAsBlockingCapable() async {
        #expect(!BlockingThread.isCurrent, "Swift's cooperative pool must never count as blocking-capable")
        let seen = Mutex<[Bool]>([])
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            seen.withLock { $0.append(BlockingThread.isCurrent) }
            BlockingThread.markCurrent()
            seen.withLock { $0.append(BlockingThread.isCurrent) }
            done.signal()
        }
        thread.start()
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                done.wait()
                continuation.resume()
            }
        }
        #expect(seen.withLock { $0 } == [false, true])
        #expect(!BlockingThread.isCurrent, "marking one thread marks no other")
    }
}
