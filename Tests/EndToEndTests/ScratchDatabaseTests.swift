import Foundation
import TestSupport
import Testing

/// `occ demo` and `occ bench …` write made-up partners, referrals and audit rows: the real
/// executable refuses a DATABASE_URL it was not explicitly told to use.
@Suite("occ demo and benchmarks never write to DATABASE_URL unless told to")
struct ScratchDatabaseTests {
    static let commands = [["demo"], ["bench", "flow"], ["bench", "pg"], ["bench", "queue"], ["bench", "intake"]]
    /// Nothing listens there: a connection attempt fails at once (exit 1), telling it apart from a refusal.
    static let nowhere = "host=/nonexistent-\(getpid()) port=1 dbname=none connect_timeout=2"

    @Test("DATABASE_URL set without --use-database-url: exit 2 before any connection, saying why", arguments: commands)
    func refused(command: [String]) async throws {
        let run = try await OCCCommand.run(command, conninfo: Self.nowhere)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("refusing to use DATABASE_URL: 'occ \(command.joined(separator: " "))' writes made-up partners"))
        #expect(run.stderr.contains("breaking its verification"))
        #expect(run.stderr.contains("--use-database-url"))
    }

    @Test("with --use-database-url it goes to DATABASE_URL (here: nothing listens, so exit 1)", arguments: commands)
    func allowed(command: [String]) async throws {
        let run = try await OCCCommand.run(command + ["--use-database-url"], conninfo: Self.nowhere)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("failed"))
        #expect(!run.stderr.contains("refusing"))
    }

    @Test("--use-database-url without DATABASE_URL is a usage error: exit 64", arguments: commands)
    func flagWithoutURL(command: [String]) async throws {
        let run = try await OCCCommand.run(command + ["--use-database-url"], conninfo: "")
        #expect(run.status == 64)
        #expect(run.stderr.contains("--use-database-url given but DATABASE_URL is not set"))
    }
}
