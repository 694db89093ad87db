@testable import OCC
import Testing

@Suite("Fault suite options")
struct FaultSettingsTests {
    private func settings(_ words: [String]) throws -> FaultSettings {
        try FaultSettings(try Arguments(words, valued: FaultsCommand.valuedOptions))
    }

    @Test("by default every fault runs, each service is killed, and the issue's durations apply")
    func defaults() throws {
        let defaults = try settings([])
        #expect(defaults.faults == [.kill, .restart, .stop, .sweep, .hold])
        #expect(defaults.killed == ["intake", "enrichment", "tasking", "feedback"])
        #expect(defaults.outageSeconds == 30 && defaults.holdSeconds == 120)
    }

    @Test("--only and --kill pick and order faults and services; durations shorten")
    func choose() throws {
        let chosen = try settings(["--only", "sweep,restart", "--kill=tasking", "--outage-seconds", "5", "--hold-seconds", "20", "--rate", "100"])
        #expect(chosen.faults == [.sweep, .restart])
        #expect(chosen.killed == ["tasking"])
        #expect(chosen.outageSeconds == 5 && chosen.holdSeconds == 20 && chosen.rate == 100)
    }

    @Test("unknown faults, services and flags, and zero durations, are usage errors", arguments: [
        ["--only", "reboot"], ["--kill", "intake,postgres"], ["--only", ","], ["--hold-seconds", "0"], ["--rate", "0"],
        ["--fast"], ["extra"], ["--port", "80"],
    ])
    func refuses(_ words: [String]) {
        #expect(throws: UsageError.self) { try settings(words) }
    }
}
