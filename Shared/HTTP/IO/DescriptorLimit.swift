import Runtime
import Glibc

/// The process's open-descriptor limit, which bounds the connections an event-loop server can hold.
public enum DescriptorLimit {
    /// Raises the soft limit towards `wanted` (never above the hard limit, never lowering it), as a
    /// server holding thousands of connections must; the default soft limit is often 1,024.
    public static func raise(toAtLeast wanted: Int, logger: Logger) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(wanted) else { return }
        let target = min(rlim_t(wanted), limit.rlim_max)
        if target > limit.rlim_cur {
            limit.rlim_cur = target
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        if target < rlim_t(wanted) {
            logger.warning("open-descriptor limit below the connection cap; raise the hard limit (LimitNOFILE, ulimit -Hn)", [
                "limit": String(target), "wanted": String(wanted),
            ])
        }
    }
}
