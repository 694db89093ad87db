import Glibc

/// Closes, in a `posix_spawn` child, every descriptor from `first` up.
///
/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+) does it without looking; Swift's
/// Glibc module does not import it, so it is found with `dlsym`. Where it is missing, the open
/// descriptors are listed from /proc/self/fd, reading each name in place: copying the whole
/// 256-byte `dirent.d_name` reads past glibc's directory buffer and can fault (the bug behind
/// Foundation's intermittent `Process.run()` crashes on Linux).
public enum SpawnDescriptors {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    public static func closeAll(from first: Int32, in actions: inout posix_spawn_file_actions_t) {
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
            if closeFrom(&actions, first) == 0 { return }
        }
        for descriptor in open() where descriptor >= first {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    /// Descriptors open in this process, from /proc/self/fd (its own listing descriptor left out).
    static func open() -> [Int32] {
        guard let directory = opendir("/proc/self/fd") else { return [] }
        defer { closedir(directory) }
        let own = dirfd(directory)
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19
        var descriptors: [Int32] = []
        while let entry = readdir(directory) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if let descriptor = Int32(name), descriptor != own { descriptors.append(descriptor) }
        }
        return descriptors
    }
}
