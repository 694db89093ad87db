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
        // Listen before anything starts, so the first SIGINT or SIGTERM is always ours to act on.
        let signals = Signals.stream()
        let database = try Database.scratch(arguments, command: "demo", durable: false)
        let stack = DemoStack(basePort: try arguments.int("port", default: 18080))
        let keepRunning = arguments.flag("keep-running")
        let story = Task {
            let scenario = try await play(database: database, stack: stack)
            if keepRunning {
                try scenario.printConsoleAccess()
                progressLine("stack running; Ctrl-C to stop")
                // Until a signal cancels this task.
                while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
            }
        }
        // Whichever comes first: the story's end or a signal. On a signal the services and the
        // database stop at once, which also ends whatever the story was waiting for.
        let interrupted = Task { () -> Int32? in
            for await signal in signals {
                progressLine("\(Signals.name(signal)): stopping the services")
                story.cancel()
                stack.stop()
                database.stop()
                return signal
            }
            return nil
        }
        let result = await story.result
        interrupted.cancel()
        let signal = await interrupted.value
        stack.stop()
        database.stop()
        if let signal {
            throw CommandExit(status: 128 + signal, description: "demo stopped by \(Signals.name(signal))")
        }
        try result.get()
    }

    private static func play(database: Database, stack: DemoStack) async throws -> DemoScenario {
        let logDirectory = "\(NSTemporaryDirectory())occ-demo-logs-\(getpid())"
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        let connection = try await PostgresConnection.connect(database.conninfo, applicationName: "occ-demo")
        try await Migrator().migrate(connection, progress: progressLine)
        let logins = try await DemoStack.serviceLogins(database, on: connection)
        await connection.close()
        progressLine("service logs: \(logDirectory)")
        progressLine("starting intake, enrichment, tasking and feedback on ports \(stack.ports.values.sorted().map(String.init).joined(separator: ", "))")
        try await stack.start(conninfo: { logins[$0] ?? database.conninfo }, logDirectory: logDirectory)
        let scenario = try await DemoScenario.prepare(conninfo: database.conninfo, ports: stack.ports)
        try await scenario.play()
        return scenario
    }
}
