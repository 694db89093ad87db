import Foundation
import Runtime

/// `occ simulate`: the partner and agency simulator against running services, by URL.
enum SimulateCommand: Command {
    static let path = ["simulate"]
    static let summary = "drive running services as partners and officers; check and print each referral's journey"
    static let help = """
        usage: occ simulate [--intake-url URL] [--tasking-url URL] [--feedback-url URL] [--keys FILE]
                            [--referrals N] [--timeout DURATION] [--agency-tasking-url URL --agency CODE]

        Plays the referral journey against services that are already running, through their
        HTTP APIs only: four partners refer (the telco and the bank report the same phone
        number and mule account), the exchange enriches and routes, officers of COLP_FTC and
        NCA_TICAT read, accept and record outcomes (one under embargo), partners pull their
        feedback and oversight reads the benefits report. Each step is checked against what the
        partners and agencies are shown; the journeys are printed. Exit 0 when every check
        passed, 1 when any failed, 64 on a usage error.

          --intake-url URL        intake, e.g. http://intake:8080 (or INTAKE_URL)
          --tasking-url URL       the exchange's tasking (or TASKING_URL)
          --feedback-url URL      feedback (or FEEDBACK_URL)
          --keys FILE             the keys 'occ simulate setup' wrote (or OCC_SIMULATOR_KEYS)
          --referrals N           also submit a burst of N referrals and check all are routed (default 0)
          --timeout DURATION      how long routing and feedback may take (default 120s)
          --agency-tasking-url URL, --agency CODE
                                  an agency's own tasking deployment (TASKING_MODE=api, its login bound
                                  to CODE): check it lists only CODE's taskings, refuses another
                                  agency's tasking and does not authenticate another agency's officer
        """
    static let valuedOptions: Set<String> = [
        "intake-url", "tasking-url", "feedback-url", "keys", "referrals", "timeout", "agency-tasking-url", "agency",
    ]

    static func run(_ arguments: Arguments) async throws {
        try arguments.rejectUnexpected(valued: valuedOptions)
        let keysPath = arguments.string("keys") ?? ProcessInfo.processInfo.environment["OCC_SIMULATOR_KEYS"] ?? ""
        guard !keysPath.isEmpty else { throw UsageError("give --keys FILE or set OCC_SIMULATOR_KEYS") }
        let patience = try duration(arguments.string("timeout") ?? "120s")
        let agency = try agencyDeployment(arguments)
        let simulator = Simulator(
            intake: SimulatorClient(endpoint: try .resolve(arguments, option: "intake-url", variable: "INTAKE_URL")),
            tasking: SimulatorClient(endpoint: try .resolve(arguments, option: "tasking-url", variable: "TASKING_URL")),
            feedback: SimulatorClient(endpoint: try .resolve(arguments, option: "feedback-url", variable: "FEEDBACK_URL")),
            keys: try SimulatorKeys.read(from: keysPath), burst: try arguments.int("referrals", default: 0), patience: patience)
        let (_, taskings) = try await simulator.play()
        if let (endpoint, code) = agency {
            try await simulator.checkAgencyDeployment(SimulatorClient(endpoint: endpoint), agency: code, taskings: taskings)
        }
        let failed = simulator.checks.failed
        guard failed.isEmpty else {
            throw CommandExit(status: 1, description: "simulate: \(failed.count) check(s) failed: \(failed.joined(separator: "; "))")
        }
        emit("\nall checks passed")
    }

    private static func agencyDeployment(_ arguments: Arguments) throws(UsageError) -> (ServiceEndpoint, String)? {
        switch (arguments.string("agency-tasking-url"), arguments.string("agency")) {
        case (nil, nil): return nil
        case (let url?, let code?):
            guard SimulatorKeys.agencies.contains(where: { $0.0 == code }) else {
                throw UsageError("--agency must be one of \(SimulatorKeys.agencies.map(\.0).joined(separator: ", "))")
            }
            return (try ServiceEndpoint(url, option: "agency-tasking-url"), code)
        default: throw UsageError("--agency-tasking-url and --agency go together")
        }
    }

    private static func duration(_ text: String) throws(UsageError) -> Duration {
        guard let value = try? Config(["timeout": text]).duration("timeout", in: .seconds(1) ... .seconds(3600)) else {
            throw UsageError("--timeout must be a duration from 1s to 1h, such as 90s or 5m")
        }
        return value
    }
}
