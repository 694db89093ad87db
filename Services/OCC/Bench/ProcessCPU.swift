import Foundation

/// CPU time (user + system) of named processes, read from /proc, so a benchmark can divide what
/// each process spent over a phase by the work done. A PostgreSQL server counts as its postmaster
/// and every child (backends, WAL writer, checkpointer…) alive when sampled.
struct ProcessCPU {
    /// What to sample: a process by pid, or a process with all its children.
    enum Target {
        case process(Int32)
        case tree(Int32)
    }

    let targets: [(name: String, target: Target)]

    /// CPU microseconds per name, now.
    func sample() -> [String: Double] {
        var result: [String: Double] = [:]
        let parents = targets.contains { if case .tree = $0.target { true } else { false } } ? Self.parents() : [:]
        for (name, target) in targets {
            switch target {
            case .process(let pid):
                result[name] = Self.microseconds(pid)
            case .tree(let root):
                let members = [root] + parents.filter { $0.value == root }.map(\.key)
                result[name] = members.compactMap(Self.microseconds).reduce(0, +)
            }
        }
        return result
    }

    /// utime + stime of `pid` in microseconds; nil once it has gone.
    static func microseconds(_ pid: Int32) -> Double? {
        guard let fields = statFields(pid), fields.count > 12,
              let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) * 1e6 / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The fields of /proc/PID/stat after the command name (which may hold spaces), so that
    /// field 3 of proc(5), the state, is index 0.
    private static func statFields(_ pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    /// Every process's parent, by pid.
    private static func parents() -> [Int32: Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var result: [Int32: Int32] = [:]
        for entry in entries {
            guard let pid = Int32(entry), let fields = statFields(pid), fields.count > 1, let parent = Int32(fields[1]) else { continue }
            result[pid] = parent
        }
        return result
    }
}
