// Two ThreadSanitizer false positives of the Swift 6.3 toolchain on Linux, in correct code
// with none of ours: the evidence behind deploy/ci/tsan.supp. Re-run after a toolchain upgrade;
// when this prints no warning, drop the matching suppressions.
//
//   swiftc -sanitize=thread deploy/ci/tsan-false-positives.swift -o /tmp/tsan-fp && /tmp/tsan-fp
//
// 1. A counter behind Synchronization.Mutex, hammered from four threads: a contended lock is
//    handed over in the kernel (futex, in the uninstrumented libswiftSynchronization), so TSan
//    reports a "Swift access race" inside Mutex.withLock although the total comes out exact.
// 2. An object built on a dedicated thread and handed to a task through a continuation, as
//    Postgres.ConnectionThread returns query results: TSan misses the hand-off and reports a
//    "data race" between the object's initialiser and the task reading it.
import Dispatch
import Glibc
import Synchronization

// @unchecked Sendable: `value` is only touched inside the Mutex that holds the counter.
final class Counter: @unchecked Sendable { var value = 0 }

func contendedMutex() {
    let counter = Counter()
    let lock = Mutex(counter)
    let threads = (0..<4).map { _ in
        Thread { for _ in 0..<100_000 { lock.withLock { $0.value += 1 } } }
    }
    threads.forEach { $0.join() }
    print("mutex total", lock.withLock { $0.value }, "(expected 400000)")
}

/// A joinable pthread running `body`.
// @unchecked Sendable: `handle` is written once, in init, before the object is shared.
final class Thread: @unchecked Sendable {
    private var handle = pthread_t()
    init(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(body))
        pthread_create(&handle, nil, { context in
            Unmanaged<Box>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, box.toOpaque())
    }
    func join() { pthread_join(handle, nil) }
    private final class Box { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
}

final class Columns: Sendable {
    let index: [String: Int]
    init(names: [String]) { index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) }) }
}

/// A thread that runs submitted blocks in order, like ConnectionThread.
final class Worker: Sendable {
    private let queue = Mutex<[@Sendable () -> Void]>([])
    private let pending = DispatchSemaphore(value: 0)
    init() {
        _ = Thread { [self] in
            while true {
                pending.wait()
                queue.withLock { $0.removeFirst() }()
            }
        }
    }
    func query(_ n: Int) async -> Columns {
        await withCheckedContinuation { continuation in
            queue.withLock { $0.append { continuation.resume(returning: Columns(names: ["id", "n\(n)"])) } }
            pending.signal()
        }
    }
}

func continuationHandOff() async {
    let workers = (0..<4).map { _ in Worker() }
    let total = await withTaskGroup(of: Int.self) { group in
        for task in 0..<16 {
            group.addTask { var sum = 0; for n in 0..<3000 { sum += await workers[task % 4].query(n).index["id"]! + 1 }; return sum }
        }
        return await group.reduce(0, +)
    }
    print("hand-off total", total, "(expected 48000)")
}

contendedMutex()
await continuationHandOff()
