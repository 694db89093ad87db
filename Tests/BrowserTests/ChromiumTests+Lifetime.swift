import Foundation
import Glibc
@testable import TestSupport
import Testing

/// The browser never outlives its test: closing kills it and removes its files, and a browser that
/// dies fails the waits on it at once instead of at their deadline. (In `ChromiumTests`, so these
/// too run one browser at a time.)
extension ChromiumTests {
    @Test func closeKillsTheBrowserAndRemovesItsDirectory() async throws {
        let browser = try await Chromium.launch()
        let (pid, directory) = (browser.pid, browser.directory)
        #expect(kill(pid, 0) == 0)
        #expect(FileManager.default.fileExists(atPath: directory + "/profile"))
        browser.close()
        // Reaped by close(): the pid no longer names a process of ours.
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
        #expect(!FileManager.default.fileExists(atPath: directory))
        browser.close()  // idempotent
    }

    @Test func aBrowserThatDiesFailsWaitsAtOnce() async throws {
        try await withChromium(patience: .seconds(600)) { browser in
            kill(-browser.pid, SIGKILL)
            let started = ContinuousClock.now
            await #expect(throws: ChromiumError.self) { try await browser.open("about:blank") }
            // Far below the 600 s deadline: the end of the pipe, not the deadline, ended the wait.
            #expect(ContinuousClock.now - started < .seconds(300))
        }
    }
}
