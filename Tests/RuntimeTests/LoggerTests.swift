import Foundation
@testable import Runtime
import Synchronization
import Testing

@Suite struct LoggerTests {
    final class Lines: Sendable {
        let storage = Mutex<[String]>([])
        var sink: LogSink { LogSink { line in self.storage.withLock { $0.append(line) } } }
        var all: [String] { storage.withLock { $0 } }
    }

    func makeLogger(_ lines: Lines, level: LogLevel = .info) -> Logger {
        Logger(service: "intake", level: level, metadata: ["trace_id": "t-1"], sink: lines.sink,
               clock: { "2026-01-01T00:00:00.000Z" })
    }

    @Test func writesOrderedJSONLines() throws {
        let lines = Lines()
        makeLogger(lines).info("accepted \"referral\"\n", ["request_id": "r-9", "count": "3"])
        #expect(lines.all == [
            #"{"ts":"2026-01-01T00:00:00.000Z","level":"info","service":"intake","msg":"accepted \"referral\"\n","#
                + #""count":"3","request_id":"r-9","trace_id":"t-1"}"#,
        ])
        let object = try JSONSerialization.jsonObject(with: Data(lines.all[0].utf8)) as? [String: String]
        #expect(object?["msg"] == "accepted \"referral\"\n")
    }

    @Test func dropsLinesBelowTheLevel() {
        let lines = Lines()
        let logger = makeLogger(lines, level: .warning)
        logger.info("quiet")
        logger.debug("quieter")
        logger.error("loud")
        #expect(lines.all.count == 1)
        #expect(lines.all[0].contains(#""level":"error""#))
    }

    @Test func redactsSecretLookingKeys() {
        let lines = Lines()
        makeLogger(lines).with(["Authorization": "Bearer occ_1_abc"]).warning("auth", [
            "api_key": "k", "db_password": "p", "client-secret": "s", "session_token": "t", "partner": "acme",
        ])
        let line = lines.all[0]
        for secret in ["occ_1_abc", "\"k\"", "\"p\"", "\"s\"", "\"t\""] {
            #expect(!line.contains(secret))
        }
        #expect(line.contains(#""partner":"acme""#))
        #expect(line.contains(#""Authorization":"[REDACTED]""#))
    }

    @Test func metadataCannotOverwriteCoreFields() {
        let lines = Lines()
        makeLogger(lines).info("real", ["msg": "fake", "level": "critical"])
        #expect(lines.all[0].contains(#""msg":"real""#))
        #expect(!lines.all[0].contains("fake"))
    }

    @Test func parsesLevelNames() {
        #expect(LogLevel(name: "WARN") == .warning)
        #expect(LogLevel(name: "debug") == .debug)
        #expect(LogLevel(name: "loud") == nil)
        #expect(LogLevel.fromEnvironment(Config(["LOG_LEVEL": "error"])) == .error)
        #expect(LogLevel.fromEnvironment(Config([:])) == .info)
    }

    @Test func escapesControlCharacters() {
        var output = ""
        JSONString.append("a\u{1}b\tc", to: &output)
        #expect(output == #""a\u0001b\tc""#)
    }

    @Test func timestampsAreRFC3339UTC() {
        let stamp = LogTimestamp.now()
        #expect(stamp.count == 24)
        #expect(stamp.hasSuffix("Z"))
        #expect(stamp.dropFirst(10).first == "T")
    }
}
