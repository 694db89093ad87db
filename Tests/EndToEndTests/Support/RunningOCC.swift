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
    private struct Exit {
        var status: Int32?
        var waiter: CheckedContinuation<Int32, Never>?
    }
    /// The state the pipe's and the process's handlers share with the test (a class: a Mutex
    /// cannot be captured by value).
    private final class Shared: Sendable {
        let output = Mutex(Output())
        let exit = Mutex(Exit())
    }
    private let process: Process
    private let shared = Shared()

    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        let process = Process()
        self.process = process
        process.executableURL = try BuiltExecutable.url("occ")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, given in given }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [shared] handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            let met = shared.output.withLock { output in
                if data.isEmpty { output.ended = true } else { output.text += String(decoding: data, as: UTF8.self) }
                let (text, ended) = (output.text, output.ended)
                let met = output.waiters.filter { ended || text.contains($0.text) }
                output.waiters.removeAll { ended || text.contains($0.text) }
                return met.map { ($0.continuation, text.contains($0.text)) }
            }
            for (continuation, found) in met { continuation.resume(returning: found) }
        }
        process.terminationHandler = { [shared] process in
            let status = process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
            shared.exit.withLock { exit in
                exit.status = status
                defer { exit.waiter = nil }
                return exit.waiter
            }?.resume(returning: status)
        }
        try process.run()
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

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// The exit status once the process has ended (negative: killed by that signal).
    func exitStatus() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = shared.exit.withLock { exit -> Int32? in
                if exit.status == nil { exit.waiter = continuation }
                return exit.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
