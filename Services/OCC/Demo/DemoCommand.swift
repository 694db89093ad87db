import Foundation
import Postgres
import Runtime
import Schema

/// `occ demo`: the whole referral flow on a local throwaway database (DATABASE_URL only when told).
enum DemoCommand: Command {
    static let path = ["demo"]
    static let summary = "run the referral-flow demo on a throwaway local PostgreSQL"
    static let help = """
        usage: occ demo [--port N] [--keep-running] [--use-database-url]

        Brings up a throwaway local PostgreSQL (or, with --use-database-url, the one DATABASE_URL
        names), applies the migrations, starts the four services (intake, enrichment, tasking, feedback) as separate
        processes, registers a demo partner from each sector and a demo officer with their own
        key in three agencies, submits sample referrals (the same phone number and mule account
        reported by a telco and a bank), has officers read, accept and record outcomes stating
        their purpose (X-Purpose), and prints each referral's journey, the partners' feedback
        and who read which referral and why. Ctrl-C stops everything cleanly.

          --port N          first of four consecutive ports for the services (default 18080)
          --keep-running    leave the stack up after the story until Ctrl-C
          --use-database-url  run on DATABASE_URL instead, adding demo partners, keys,
                            referrals and audit rows there for good (without this flag a
                            set DATABASE_URL is refused with exit 2)
        """
    static let valuedOptions: Set<String> = ["port"]

    static func run(_ arguments: Arguments) async throws {
        let database = try Database.scratch(arguments, command: "demo", durable: false)
        let stack = DemoStack(basePort: try arguments.int("port", default: 18080))
        let logDirectory = "\(NSTemporaryDirectory())occ-demo-logs-\(getpid())"
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        // Ctrl-C or SIGTERM: stop the services and the throwaway database, then leave.
        let interrupt = Task {
            if let signal = await Signals.first() {
                progressLine("\(Signals.name(signal)): stopping the services")
                stack.stop()
                database.stop()
                exit(130)
            }
        }
        defer {
            interrupt.cancel()
            stack.stop()
            database.stop()
        }
        let connection = try await PostgresConnection.connect(database.conninfo, applicationName: "occ-demo")
        try await Migrator().migrate(connection, progress: progressLine)
        let logins = try await DemoStack.serviceLogins(database, on: connection)
        await connection.close()
        progressLine("service logs: \(logDirectory)")
        progressLine("starting intake, enrichment, tasking and feedback on ports \(stack.ports.values.sorted().map(String.init).joined(separator: ", "))")
        try await stack.start(conninfo: { logins[$0] ?? database.conninfo }, logDirectory: logDirectory)
        let scenario = try await DemoScenario.prepare(conninfo: database.conninfo, ports: stack.ports)
        try await scenario.play()
        if arguments.flag("keep-running") {
            progressLine("stack running; Ctrl-C to stop")
            _ = await Signals.first()
        }
    }
}
