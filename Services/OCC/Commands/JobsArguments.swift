import Foundation
import Queue

/// Options of the `occ jobs` commands, checked before any connection: an unknown option, a stray
/// word or a malformed value is a usage error, never silently ignored.
enum JobsArguments {
    static let states = JobState.allCases.map(\.rawValue).joined(separator: "|")

    /// Rejects options and flags other than those named, and more positionals than `positionals`.
    static func check(_ arguments: Arguments, valued: Set<String>, flags: Set<String> = [], positionals: Int = 0) throws(UsageError) {
        if let option = Set(arguments.options.keys).subtracting(valued).sorted().first { throw UsageError("unknown option --\(option)") }
        if let flag = arguments.flags.subtracting(flags).sorted().first { throw UsageError("unknown option --\(flag)") }
        if arguments.positionals.count > positionals { throw UsageError("unexpected argument '\(arguments.positionals[positionals])'") }
    }

    /// The one job id a command acts on.
    static func jobID(_ arguments: Arguments) throws(UsageError) -> Int64 {
        guard let word = arguments.positionals.first else { throw UsageError("give the job's id") }
        guard let id = Int64(word), id > 0 else { throw UsageError("'\(word)' is not a job id (a positive whole number)") }
        return id
    }

    static func state(_ arguments: Arguments) throws(UsageError) -> JobState? {
        guard let name = arguments.string("state") else { return nil }
        guard let state = JobState(rawValue: name) else { throw UsageError("--state must be one of \(states), not '\(name)'") }
        return state
    }

    static func queue(_ arguments: Arguments) throws(UsageError) -> String? {
        guard let queue = arguments.string("queue") else { return nil }
        guard (1...64).contains(queue.utf8.count) else { throw UsageError("--queue must be a queue name of 1 to 64 bytes") }
        return queue
    }

    static func limit(_ arguments: Arguments, default value: Int = 50) throws(UsageError) -> Int {
        guard let text = arguments.string("limit") else { return value }
        guard let limit = Int(text), (1...10_000).contains(limit) else { throw UsageError("--limit must be from 1 to 10000, not '\(text)'") }
        return limit
    }

    /// An age such as 90s, 10m, 2h or 7d (at most 3650 days).
    static func age(_ name: String, _ arguments: Arguments) throws(UsageError) -> Duration? {
        guard let text = arguments.string(name) else { return nil }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let number = Int64(text.dropLast()), number > 0,
              number <= 3650 * 86_400 / unit else {
            throw UsageError("--\(name) must be an age such as 90s, 10m, 2h or 7d, not '\(text)'")
        }
        return .seconds(number * unit)
    }
}

/// An operator command that could not do what was asked (no such job, a job in the wrong state):
/// exit 1 with this message.
struct JobsCommandError: Error, CustomStringConvertible {
    let description: String

    init(_ error: QueueError) {
        description = error.code == .running ? "\(error.reason); add --force to do it anyway" : error.reason
    }
}
