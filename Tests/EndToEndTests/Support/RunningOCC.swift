import Foundation
import Synchronization
import TestSupport

/// The built `occ` running in the background: its output is collected as it comes; a test can
/// wait for a line to appear (resumed by the output itself, not by polling), signal the process
/// and await its exit.
final class RunningOCC: Sendable {
    private struct Output {
        var text = ""
        var ended = false
        var waiters: [(text: String, continuation: CheckedContinuation<Bool, Never>)] = []
    }
    /// The state the output reader shares with the test (a class: a Mutex cannot be captured by value).
    private final class Shared: Sendable {
        let output = Mutex(Output())
    }
    private let process: Subprocess
    private let shared = Shared()

    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        let process = try Subprocess(
            try BuiltExecutable.url("occ").path, arguments: arguments,
            environment: ProcessInfo.processInfo.environment.merging(extra) { _, given in given },
            output: .pipe, mergeErrors: true)
        self.process = process
        // The output is read on a thread of its own (reads block) and wakes the waiters it satisfies.
        Thread.detachNewThread { [shared] in
            guard let handle = process.standardOutput else { return }
            while true {
                let data = handle.availableData
                let met = shared.output.withLock { output in
                    if data.isEmpty { output.ended = true } else { output.text += String(decoding: data, as: UTF8.self) }
                    let (text, ended) = (output.text, output.ended)
                    let met = output.waiters.filter { ended || text.contains($0.text) }
                    output.waiters.removeAll { ended || text.contains($0.text) }
                    return met.map { ($0.continuation, text.contains($0.text)) }
                }
                for (continuation, found) in met { continuation.resume(returning: found) }
                if data.isEmpty { return }
            }
        }
    }

    var text: String { shared.output.withLock { $0.text } }

    /// Returns true once `text` has appeared in the output, false if the output ended without it.
    func waitFor(_ text: String) async -> Bool {
        await withCheckedContinuation { continuation in
            let now = shared.output.withLock { output -> Bool? in
                if output.text.contains(text) { return true }
                if output.ended { return false }
                output.waiters.append((text, continuation))
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    func send(_ signal: Int32) { process.send(signal) }

    /// The exit status once the process has ended (negative: killed by that signal).
    func exitStatus() async -> Int32 { await process.exitStatus() }

    deinit {
        process.send(SIGTERM)
    }
}
