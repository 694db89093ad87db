import Runtime
import Testing

@Suite struct ConfigTests {
    let config = Config([
        "DATABASE_URL": "postgres://occ:hunter2@db/occ", "PORT": "8081", "BAD_PORT": "80x", "GRACE": "1500ms",
        "IDLE": "2m", "PLAIN": "30", "DEBUG": "Yes", "BLANK": "  ", "DB_PASSWORD": "not-a-number",
    ])

    @Test func readsTypedValues() throws {
        #expect(try config.string("DATABASE_URL") == "postgres://occ:hunter2@db/occ")
        #expect(try config.int("PORT", in: 1...65535) == 8081)
        #expect(try config.duration("GRACE") == .milliseconds(1500))
        #expect(try config.duration("IDLE") == .seconds(120))
        #expect(try config.duration("PLAIN") == .seconds(30))
        #expect(try config.bool("DEBUG") == true)
    }

    @Test func fallsBackToDefaultsForUnsetOrBlankValues() throws {
        #expect(try config.string("BLANK", default: "x") == "x")
        #expect(try config.int("ABSENT", default: 3) == 3)
        #expect(try config.bool("ABSENT", default: false) == false)
    }

    @Test func explainsMissingAndInvalidValues() {
        #expect(throws: ConfigError.missing(key: "ABSENT")) { try config.string("ABSENT") }
        #expect(throws: ConfigError.invalid(key: "BAD_PORT", expected: "an integer", value: "80x")) {
            try config.int("BAD_PORT")
        }
        #expect(throws: ConfigError.self) { try config.int("PORT", in: 1...1000) }
        #expect(throws: ConfigError.self) { try config.duration("DEBUG") }
        let message = ConfigError.invalid(key: "BAD_PORT", expected: "an integer", value: "80x").description
        #expect(message == "environment variable BAD_PORT must be an integer, got '80x'")
    }

    @Test func boundsDurationsAndSaysWhichRangeIsAllowed() throws {
        let range = Duration.milliseconds(10) ... .seconds(3600)
        #expect(try config.duration("GRACE", in: range) == .milliseconds(1500))
        #expect(try config.duration("ABSENT", default: .seconds(1), in: range) == .seconds(1))
        let tooShort = Config(["POLL": "0"])
        #expect(throws: ConfigError.invalid(
            key: "POLL", expected: "a duration like 500ms, 30s, 5m or 1h from 10ms to 1h", value: "0")) {
            try tooShort.duration("POLL", in: range)
        }
        #expect(throws: ConfigError.self) { try Config(["POLL": "2h"]).duration("POLL", in: range) }
    }

    @Test func neverEchoesSecretValues() {
        do {
            _ = try config.int("DB_PASSWORD")
            Issue.record("expected an error")
        } catch {
            #expect(!String(describing: error).contains("not-a-number"))
            #expect(String(describing: error).contains("[REDACTED]"))
        }
        #expect(Redaction.redactingPassword(inURL: "postgres://occ:hunter2@db/occ") == "postgres://occ:[REDACTED]@db/occ")
        #expect(Redaction.redactingPassword(inURL: "postgres:///occ?host=/tmp") == "postgres:///occ?host=/tmp")
    }
}
