import Foundation
import Glibc
import Synchronization

/// The DevTools protocol over `--remote-debugging-pipe`: JSON messages, each ended by a NUL byte,
/// written to the browser's fd 3 and read from its fd 4. A thread of its own reads; commands and
/// event waits are continuations it resumes, each with a deadline.
final class CDPPipe: Sendable {
    private struct Waiter {
        let matches: @Sendable (CDPMessage) -> Bool
        let continuation: CheckedContinuation<CDPMessage, any Error>
    }

    private struct State {
        var nextID = 1
        var commands: [Int: CheckedContinuation<CDPMessage, any Error>] = [:]
        var waiters: [Int: Waiter] = [:]
        var events: [CDPMessage] = []
        /// Set once the pipe has closed: why, for every later call.
        var closed: ChromiumError?
    }

    private let state = Mutex(State())
    /// Our end of the browser's fd 3; -1 once closed. Writes hold the lock so messages never interleave.
    private let writer: Mutex<Int32>
    /// Tells what the browser printed, for errors when it dies.
    private let log: @Sendable () -> String

    init(writeFD: Int32, readFD: Int32, log: @escaping @Sendable () -> String) {
        writer = Mutex(writeFD)
        self.log = log
        let thread = Thread { [self] in self.readLoop(readFD) }
        thread.name = "chromium-cdp"
        thread.start()
    }

    /// Sends `method` and returns its result, or throws its error, or `timedOut` after `timeout`.
    func send(_ method: String, _ params: [String: Any] = [:], session: String? = nil,
              timeout: Duration) async throws -> [String: Any] {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        let bytes = Array(try JSONSerialization.data(withJSONObject: message)) + [0]
        let reply = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<CDPMessage, any Error>) in
            let refused = state.withLock { state -> ChromiumError? in
                if let closed = state.closed { return closed }
                state.commands[id] = continuation
                return nil
            }
            if let refused { return continuation.resume(throwing: refused) }
            guard write(bytes) else {
                let error = ChromiumError.exited(log())
                return fail(command: id, error)
            }
            let expired = ChromiumError.timedOut("the answer to \(method)")
            Task { [self] in
                try? await Task.sleep(for: timeout)
                fail(command: id, expired)
            }
        }
        if let error = reply.errorMessage { throw ChromiumError.command(method: method, message: error) }
        return reply.result
    }

    /// How many events have arrived so far: a mark to wait for events after.
    var eventCount: Int { state.withLock { $0.events.count } }

    /// Every event so far, in order of arrival.
    var events: [CDPMessage] { state.withLock { $0.events } }

    /// The first event from position `after` on that `matches`, waiting up to `timeout` for it.
    func event(after mark: Int, timeout: Duration, _ what: String,
               where matches: @escaping @Sendable (CDPMessage) -> Bool) async throws -> CDPMessage {
        let key = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return try await withCheckedThrowingContinuation { continuation in
            let outcome = state.withLock { state -> Result<CDPMessage, ChromiumError>? in
                if let found = state.events.dropFirst(mark).first(where: matches) { return .success(found) }
                if let closed = state.closed { return .failure(closed) }
                state.waiters[key] = Waiter(matches: matches, continuation: continuation)
                return nil
            }
            if let outcome { return continuation.resume(with: outcome) }
            let expired = ChromiumError.timedOut(what)
            Task { [self] in
                try? await Task.sleep(for: timeout)
                state.withLock { $0.waiters.removeValue(forKey: key) }?.continuation.resume(throwing: expired)
            }
        }
    }

    /// Closes our writing end: the browser sees end of input. Idempotent.
    func closeWriter() {
        writer.withLock { fd in
            if fd >= 0 { Glibc.close(fd) }
            fd = -1
        }
    }

    private func fail(command id: Int, _ error: ChromiumError) {
        state.withLock { $0.commands.removeValue(forKey: id) }?.resume(throwing: error)
    }

    private func write(_ bytes: [UInt8]) -> Bool {
        writer.withLock { fd in
            guard fd >= 0 else { return false }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    /// Reads until the browser closes its end, splitting at NULs and handing each message on.
    private func readLoop(_ fd: Int32) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var scanned = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            buffer.append(contentsOf: chunk[0..<count])
            var start = 0
            while let end = buffer[scanned...].firstIndex(of: 0) {
                deliver(buffer[start..<end])
                start = end + 1
                scanned = start
            }
            buffer.removeFirst(start)
            scanned = buffer.count
        }
        Glibc.close(fd)
        let error = ChromiumError.exited(log())
        let (commands, waiters) = state.withLock { state in
            state.closed = error
            defer { state.commands = [:]; state.waiters = [:] }
            return (Array(state.commands.values), Array(state.waiters.values))
        }
        commands.forEach { $0.resume(throwing: error) }
        waiters.forEach { $0.continuation.resume(throwing: error) }
    }

    private func deliver(_ bytes: ArraySlice<UInt8>) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return }
        let message = CDPMessage(object)
        if let id = message.id {
            state.withLock { $0.commands.removeValue(forKey: id) }?.resume(returning: message)
            return
        }
        let woken = state.withLock { state -> [Waiter] in
            state.events.append(message)
            let keys = state.waiters.filter { $0.value.matches(message) }.map(\.key)
            return keys.compactMap { state.waiters.removeValue(forKey: $0) }
        }
        woken.forEach { $0.continuation.resume(returning: message) }
    }
}
