import Glibc

/// Runs a program to completion with posix_spawn and waitpid.
///
/// Foundation's `Process` on Linux learns of a child's exit through a descriptor the child
/// inherits, so it never returns when the child leaves a daemon behind (pg_ctl start does).
/// Here the child gets only stdin (/dev/null) and stdout/stderr (a file); nothing else leaks.
enum ChildProcess {
    static func run(_ command: [String], outputPath: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        SpawnDescriptors.closeAll(from: 3, in: &actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnSignals.startClean(&attributes)
        var pid: pid_t = 0
        let arguments = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        let spawned = posix_spawn(&pid, command[0], &actions, &attributes, arguments, environ)
        guard spawned == 0 else {
            throw PostgresError(.localCluster, reason: "could not start \(command[0]) (errno \(spawned))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw PostgresError(.localCluster, reason: "waitpid failed (errno \(errno))") }
        }
        // WIFEXITED / WEXITSTATUS are macros, so decode the status word by hand.
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
