import Foundation
import Postgres

/// `occ simulate setup`: the one-shot step that gives the simulator its partners, officers and keys.
enum SimulateSetupCommand: Command {
    static let path = ["simulate", "setup"]
    static let summary = "register the simulator's partners and officers and write their keys to a file"
    static let help = """
        usage: occ simulate setup --keys FILE --use-database-url

        Registers a demo partner per sector (telco, tech, cyber, finance) and a demo officer in
        COLP_FTC, NCA_TICAT and REPORT_FRAUD on DATABASE_URL (the operator login), issues their
        API keys and an oversight key, and writes the keys to FILE (created with mode 0600; it
        must not exist) for 'occ simulate --keys FILE'. When FILE already exists nothing is done:
        its keys are still valid, so running the stack's setup again is harmless.

          --keys FILE           where to write the keys (or OCC_SIMULATOR_KEYS)
          --use-database-url    required: the demo partners, keys and audit rows stay in that
                                database for good, so it must be one made for this
        """
    static let valuedOptions: Set<String> = ["keys"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.rejectUnexpected(valued: valuedOptions, flags: [Database.useDatabaseURLFlag])
        let path = arguments.string("keys") ?? ProcessInfo.processInfo.environment["OCC_SIMULATOR_KEYS"] ?? ""
        guard !path.isEmpty else { throw UsageError("give --keys FILE or set OCC_SIMULATOR_KEYS") }
        // The keys are for services already running on DATABASE_URL: a throwaway server is no use.
        if (ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty, !arguments.flag(Database.useDatabaseURLFlag) {
            throw UsageError("DATABASE_URL is not set: give the database the services use, with --use-database-url")
        }
        let database = try Database.scratch(arguments, command: "simulate setup", durable: true)
        if FileManager.default.fileExists(atPath: path) {
            progressLine("\(path) exists: its keys are kept, nothing registered")
            return
        }
        let pool = PostgresPool(.init(conninfo: database.conninfo, maxConnections: 2, applicationName: "occ-simulate-setup"))
        do {
            let keys = try await SimulatorKeys.issue(pool: pool, actor: "occ-simulate")
            try keys.write(to: path)
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
        progressLine("registered a partner per sector and an officer in \(SimulatorKeys.agencies.map(\.0).joined(separator: ", ")); keys in \(path)")
    }
}
