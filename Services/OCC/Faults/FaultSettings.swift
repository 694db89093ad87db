import Foundation

/// The options of `occ faults`, checked once.
struct FaultSettings: Sendable {
    static let services = ["intake", "enrichment", "tasking", "feedback"]

    var faults: [Fault] = Fault.allCases
    /// Referrals per second offered by all partners together.
    var rate = 40
    /// Outcomes per second recorded by all officers together.
    var outcomeRate = 3
    var outageSeconds = 30
    var holdSeconds = 120
    /// Load before a fault is injected, and after the system has recovered from it.
    var settleSeconds = 15
    var afterSeconds = 15
    /// Longest wait for the pipeline to drain by itself once load stops: twice what a job of a
    /// killed worker takes to come back (its 60 s lease, then the rescuer's 15 s round).
    var drainSeconds = 120
    /// Longest wait for the first accepted referral after recovery.
    var recoverySeconds = 60
    var basePort = 19180
    /// Services killed, in this order, by the `kill` fault.
    var killed = services
    var logDirectory: String?

    /// The issue's thresholds.
    static let restartLimitSeconds = 120.0
    static let heldThroughputFloor = 0.5
    static let recoveredThroughputFloor = 0.8

    init() {}

    init(_ arguments: Arguments) throws(UsageError) {
        if let only = arguments.string("only") {
            faults = try Self.list(only, of: Fault.allCases.map(\.rawValue), option: "only").compactMap(Fault.init(rawValue:))
        }
        if let kill = arguments.string("kill") {
            killed = try Self.list(kill, of: Self.services, option: "kill")
        }
        rate = try Self.positive(arguments, "rate", default: rate)
        outcomeRate = try arguments.int("outcome-rate", default: outcomeRate)
        outageSeconds = try Self.positive(arguments, "outage-seconds", default: outageSeconds)
        holdSeconds = try Self.positive(arguments, "hold-seconds", default: holdSeconds)
        settleSeconds = try Self.positive(arguments, "settle-seconds", default: settleSeconds)
        afterSeconds = try Self.positive(arguments, "after-seconds", default: afterSeconds)
        drainSeconds = try Self.positive(arguments, "drain-seconds", default: drainSeconds)
        recoverySeconds = try Self.positive(arguments, "recovery-seconds", default: recoverySeconds)
        basePort = try arguments.int("port", default: basePort)
        guard (1024...65_000).contains(basePort) else { throw UsageError("--port must be from 1024 to 65000") }
        logDirectory = arguments.string("log-dir")
        if let flag = arguments.flags.sorted().first { throw UsageError("unknown option --\(flag)") }
        if let word = arguments.positionals.first { throw UsageError("unexpected argument '\(word)'") }
    }

    /// Names from a comma-separated list, each known, in the order given, without repeats.
    private static func list(_ text: String, of known: [String], option: String) throws(UsageError) -> [String] {
        var names: [String] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !names.contains(name) {
            guard known.contains(name) else {
                throw UsageError("--\(option): unknown name '\(name)'; expected some of \(known.joined(separator: ","))")
            }
            names.append(name)
        }
        guard !names.isEmpty else { throw UsageError("--\(option) needs at least one name") }
        return names
    }

    private static func positive(_ arguments: Arguments, _ name: String, default value: Int) throws(UsageError) -> Int {
        let number = try arguments.int(name, default: value)
        guard number > 0 else { throw UsageError("--\(name) must be at least 1") }
        return number
    }
}
