import Foundation
import Glibc
import Postgres
import Synchronization

/// A child process started with `posix_spawn`, for the tests' executables.
///
/// Not Foundation's `Process`: on Linux its `run()` scans /proc/self/fd copying each entry's whole
/// 256-byte `d_name`, reading past the end of glibc's directory buffer (swift-corelibs-foundation
/// pull request 5472, present in Swift 6.3.1). A parallel test run holds well over a thousand
/// descriptors, enough to fill that buffer, and the test process then crashed now and then
/// inside `Process.run()`. Here the child closes every inherited descriptor from 3 up
/// (`SpawnDescriptors`, which reads no name past its end).
public final class Subprocess: Sendable {
    /// Where a child's standard output or error goes.
    public enum Output: Sendable {
        case inherit
        case discard
        case pipe
        case file(String)
    }

    public struct SpawnFailed: Error, CustomStringConvertible {
        public let description: String
    }

    public let pid: pid_t
    /// Our ends of the pipes asked for; nil otherwise.
    public let standardInput: FileHandle?
    public let standardOutput: FileHandle?
    public let standardError: FileHandle?
    private let exit = Mutex(Exit())
    private let exited = DispatchGroup()

    private struct Exit {
        var status: Int32?
        var waiters: [CheckedContinuation<Int32, Never>] = []
    }

    /// Starts `executable` with exactly `environment`. With `input` false standard input is
    /// /dev/null; `mergeErrors` sends standard error wherever standard output goes.
    public init(
        _ executable: String, arguments: [String] = [], environment: [String: String], input: Bool = false,
        output: Output = .inherit, errors: Output = .inherit, mergeErrors: Bool = false
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [Int32] = [], childEnds: [Int32] = []
        defer { childEnds.forEach { close($0) } }
        func pipeEnds() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            // (Swift's Glibc has no pipe2; every spawn here closes inherited descriptors anyway.)
            guard pipe(&fds) == 0 else { throw SpawnFailed(description: "pipe failed (errno \(errno))") }
            fds.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
            return (fds[0], fds[1])
        }
        var stdinEnd: Int32?
        if input {
            let ends = try pipeEnds()
            posix_spawn_file_actions_adddup2(&actions, ends.read, 0)
            childEnds.append(ends.read)
            parentEnds.append(ends.write)
            stdinEnd = ends.write
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        func route(_ output: Output, to descriptor: Int32) throws -> Int32? {
            switch output {
            case .inherit:
                return nil
            case .discard:
                posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
                return nil
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                return nil
            case .pipe:
                let ends = try pipeEnds()
                posix_spawn_file_actions_adddup2(&actions, ends.write, descriptor)
                childEnds.append(ends.write)
                parentEnds.append(ends.read)
                return ends.read
            }
        }
        let stdoutEnd = try route(output, to: 1)
        let stderrEnd: Int32?
        if mergeErrors {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            stderrEnd = nil
        } else {
            stderrEnd = try route(errors, to: 2)
        }
        SpawnDescriptors.closeAll(from: 3, in: &actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnSignals.startClean(&attributes)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            parentEnds.forEach { close($0) }
            throw SpawnFailed(description: "could not start \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        standardInput = stdinEnd.map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        standardOutput = stdoutEnd.map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        standardError = stderrEnd.map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        exited.enter()
        // One reaper per child, on a thread of its own: waitpid blocks, so never on the cooperative pool.
        Thread.detachNewThread { [self] in reap() }
    }

    private func reap() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS are macros: decode the word by hand; killed by a signal → -signal.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -(status & 0x7f)
        let waiters = exit.withLock { exit in
            exit.status = code
            defer { exit.waiters = [] }
            return exit.waiters
        }
        exited.leave()
        waiters.forEach { $0.resume(returning: code) }
    }

    public var isRunning: Bool { exit.withLock { $0.status == nil } }

    /// Sends `signal` while the child runs (never to a reaped pid, which may be reused).
    public func send(_ signal: Int32) {
        exit.withLock { exit in
            if exit.status == nil { _ = kill(pid, signal) }
        }
    }

    /// Blocks until the child exits; its exit code, or minus the signal that killed it. Async code
    /// awaits `exitStatus()` instead: a blocked cooperative thread stalls every task of the process.
    @available(*, noasync, message: "await exitStatus(): blocking a cooperative thread stalls every task")
    public func waitUntilExit() -> Int32 {
        exited.wait()
        return exit.withLock { $0.status ?? -1 }
    }

    /// The exit status once the child has ended, without blocking a thread.
    public func exitStatus() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = exit.withLock { exit -> Int32? in
                if exit.status == nil { exit.waiters.append(continuation) }
                return exit.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }
}
