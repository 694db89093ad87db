import Postgres
import ServiceKit
import Testing

@Suite("Which database errors are a 503")
struct UnavailabilityTests {
    @Test("outages, exhaustion and time limits are unavailability", arguments: [
        PostgresError(.connectionFailed), PostgresError(.connectionClosed), PostgresError(.poolTimeout),
        PostgresError(.poolClosed), PostgresError(.cancelled), PostgresError(.protocolViolation),
        PostgresError(.server, sqlState: SQLState("08006")), PostgresError(.server, sqlState: .adminShutdown),
        PostgresError(.server, sqlState: SQLState("57P02")), PostgresError(.server, sqlState: SQLState("57P03")),
        PostgresError(.server, sqlState: SQLState("53300")), PostgresError(.cancelled, sqlState: .queryCanceled),
        PostgresError(.server, sqlState: .lockNotAvailable), PostgresError(.server, sqlState: SQLState("25P03")),
        // Rolled back whole by the server; the same request may succeed when retried.
        PostgresError(.server, sqlState: .deadlockDetected), PostgresError(.server, sqlState: .serializationFailure),
    ])
    func unavailable(error: PostgresError) {
        #expect(error.isUnavailability)
        let mapped = DatabaseUnavailable.mapping(error)
        #expect(mapped?.status == .serviceUnavailable)
        #expect(mapped?.headers["Retry-After"] == "5")
    }

    @Test("faults in the request or the code stay 500s", arguments: [
        PostgresError(.server, sqlState: .uniqueViolation), PostgresError(.server, sqlState: .insufficientPrivilege),
        PostgresError(.server, sqlState: .undefinedTable),
        PostgresError(.decoding), PostgresError(.unexpectedNull), PostgresError(.server),
    ])
    func fault(error: PostgresError) {
        #expect(!error.isUnavailability)
        #expect(DatabaseUnavailable.mapping(error) == nil)
    }

    @Test("errors of other kinds are left to others")
    func otherErrors() {
        struct Other: Error {}
        #expect(DatabaseUnavailable.mapping(Other()) == nil)
    }
}
