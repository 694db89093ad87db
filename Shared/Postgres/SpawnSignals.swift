import Glibc

/// The signal state a `posix_spawn` child starts with.
public enum SpawnSignals {
    /// Threads of this process block most signals and some ignore SIGTERM; a child must start
    /// with none blocked and every handler at its default, or its own signalling (pgbench's -T
    /// alarm, postgres', a service's SIGTERM) never arrives.
    public static func startClean(_ attributes: inout posix_spawnattr_t) {
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    }
}
