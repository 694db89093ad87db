import Foundation
import Postgres
import Glibc

extension Chromium {
    /// posix_spawn with the DevTools pipe on the child's fds 3 (it reads) and 4 (it writes),
    /// stdin from /dev/null, stdout and stderr to `log`, in a new process group, with HOME in its
    /// private directory. Returns its pid and our ends of the two pipes.
    static func spawn(_ executable: String, arguments: [String], home: String, log: String) throws
        -> (pid: pid_t, write: Int32, read: Int32) {
        // Both pipes close on exec; dup2 onto 3 and 4 clears that flag for the child's copies only.
        // (pipe2 with O_CLOEXEC is not in Swift's Glibc module: a process another thread spawns
        // between pipe and fcntl could inherit them, which at worst delays our end-of-pipe.)
        var toBrowser: [Int32] = [0, 0]
        var fromBrowser: [Int32] = [0, 0]
        guard Glibc.pipe(&toBrowser) == 0 else { throw ChromiumError.launchFailed("pipe: \(String(cString: strerror(errno)))") }
        guard Glibc.pipe(&fromBrowser) == 0 else {
            Glibc.close(toBrowser[0]); Glibc.close(toBrowser[1])
            throw ChromiumError.launchFailed("pipe: \(String(cString: strerror(errno)))")
        }
        for fd in toBrowser + fromBrowser { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        // Nothing else of the test process's (sockets, other children's pipes) leaks into the browser.
        SpawnDescriptors.closeAll(from: 5, in: &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        // The child's ends are the child's now.
        Glibc.close(toBrowser[0])
        Glibc.close(fromBrowser[1])
        guard status == 0 else {
            Glibc.close(toBrowser[1]); Glibc.close(fromBrowser[0])
            throw ChromiumError.launchFailed("posix_spawn \(executable): \(String(cString: strerror(status)))")
        }
        return (pid, toBrowser[1], fromBrowser[0])
    }
}
