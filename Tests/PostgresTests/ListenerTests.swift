import Foundation
import Glibc
@testable import Postgres
import Testing
import TestSupport

@Suite("LISTEN sessions")
struct ListenerTests {
    @Test("a session whose LISTEN fails is closed, not leaked")
    func failedListenClosesTheSession() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let observer = try await db.connect()
        // An empty channel (which `start` would refuse) makes LISTEN a syntax error on a live session.
        let (_, continuation) = AsyncStream<PostgresListenerEvent>.makeStream()
        let loop = try ListenerLoop(conninfo: db.conninfo, channels: ["occ_ok", ""], continuation: continuation)
        #expect(throws: PostgresError.self) { try loop.connect() }
        try await ServerActivity.waitForSessions(0, database: db.name, applicationName: "occ-listener", observer: observer)
        await observer.close()
    }

    @Test("stop is idempotent: a second stop never writes to a descriptor the process has reused")
    func stopTwice() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let listener = try await PostgresListener.start(conninfo: db.conninfo, channels: ["occ_test"])
        listener.stop()
        for await _ in listener.events {}
        // The listener thread has finished. Take every descriptor number the process hands out
        // until we hold the one `stop` writes to, or plainly cannot get it (it is still the
        // listener's own); then stop again and see whether anything landed in our file.
        let wake = listener.loop.wakeWrite
        var template = Array("/tmp/occ-stop-XXXXXX".utf8CString)
        let probe = mkstemp(&template)
        try #require(probe >= 0)
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        var opened = [probe]
        while !opened.contains(wake), opened.count < 256 {
            let descriptor = open(path, O_WRONLY)
            try #require(descriptor >= 0)
            opened.append(descriptor)
        }
        listener.stop()
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_size == 0, "the second stop wrote into a reused descriptor")
        #expect(!opened.contains(wake), "the wake-up descriptor was freed while the listener still exists")
        opened.forEach { close($0) }
    }
}
