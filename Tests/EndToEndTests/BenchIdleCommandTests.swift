import Foundation
import TestSupport
import Testing

/// `occ bench idle`: the real executable, its server in a child process of its own.
@Suite("occ bench idle: the real executable")
struct BenchIdleCommandTests {
    @Test("holds every idle keep-alive connection while a normal client is served, and prints the server's memory")
    func holdsIdleConnections() async throws {
        let run = try await OCCCommand.run(["bench", "idle", "--connections", "300", "--seconds", "1"], conninfo: "")
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("opened and answered 300 connections in ") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("server RSS holding them: ") && $0.contains(" MB (peak ") }, "\(run.stdout)")
        // Every normal request succeeded: "N of N succeeded".
        let normal = try #require(lines.first { $0.hasPrefix("normal client: ") })
        let counts = normal.dropFirst("normal client: ".count).split(separator: " ")
        #expect(counts.count > 2 && counts[0] == counts[2] && Int(counts[0]) ?? 0 > 0, "\(normal)")
        #expect(lines.contains { $0.hasPrefix("still held by the server: 300 of 300;") }, "\(run.stdout)")
    }

    @Test("a count out of range is a usage error naming the option")
    func refusesBadCounts() async throws {
        let run = try await OCCCommand.run(["bench", "idle", "--connections", "0"], conninfo: "")
        #expect(run.status == 64)
        #expect(run.stderr.contains("--connections takes 1 to 100000"))
    }
}
