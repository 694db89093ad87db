import Foundation
import Postgres

/// Finds the command for the words given, handles `--help`, and turns errors into exit codes.
enum CommandLineTool {
    static let commands: [any Command.Type] = [
        MigrateCommand.self,
        RulesCommand.self,
        WarninglistsCommand.self,
        DemoCommand.self,
        SimulateCommand.self,
        SimulateSetupCommand.self,
        BenchPostgresCommand.self,
        QueueWorkerCommand.self,
        JobsListCommand.self,
        JobsShowCommand.self,
        JobsRetryCommand.self,
        JobsCancelCommand.self,
        JobsDiscardCommand.self,
        JobsStuckCommand.self,
        BenchQueueCommand.self,
        PartnersAddCommand.self,
        PartnersListCommand.self,
        PartnersWebhookSetCommand.self,
        PartnersWebhookRotateCommand.self,
        PartnersWebhookShowCommand.self,
        PartnersWebhookTestCommand.self,
        PartnersWebhookDisableCommand.self,
        PartnersWebhookDeliveriesCommand.self,
        PartnersWebhookRetryCommand.self,
        AgenciesListCommand.self,
        GatewaysListCommand.self,
        GatewaysShowCommand.self,
        GatewaysAddCommand.self,
        GatewaysRetireCommand.self,
        AgreementsListCommand.self,
        AgreementsAddCommand.self,
        AgreementsEndCommand.self,
        ReferralsFlaggedCommand.self,
        LookupsPolicyCommand.self,
        KeysIssueCommand.self,
        KeysRevokeCommand.self,
        LoginsAddCommand.self,
        LoginsListCommand.self,
        LoginsRevokeCommand.self,
        PrivilegesCommand.self,
        OfficersAddCommand.self,
        OfficersListCommand.self,
        OfficersRevokeCommand.self,
        PolicyListCommand.self,
        PolicyShowCommand.self,
        PolicySetCommand.self,
        OperationsAddCommand.self,
        OperationsListCommand.self,
        OperationsRemoveCommand.self,
        RetentionListCommand.self,
        RetentionShowCommand.self,
        RetentionAddCommand.self,
        RetentionRetireCommand.self,
        RetentionDueCommand.self,
        RetentionRunCommand.self,
        RetentionWorkCommand.self,
        RetentionHoldCommand.self,
        RetentionReleaseCommand.self,
        RetentionHoldsCommand.self,
        RetentionReviewsCommand.self,
        RetentionKeepCommand.self,
        AuditVerifyCommand.self,
        AuditCheckpointCommand.self,
        AuditChainCommand.self,
        AuditArchiveCommand.self,
        AuditTailCommand.self,
        AuditWhoReadCommand.self,
        ReportBenefitsCommand.self,
        ConsoleSessionsListCommand.self,
        ConsoleSessionsRevokeCommand.self,
        RAGListCommand.self,
        RAGSetCommand.self,
        RAGFloorCommand.self,
        TargetsListCommand.self,
        TargetsSetCommand.self,
        BenchIntakeCommand.self,
        BenchHTTPCommand.self,
        BenchSlowlorisCommand.self,
        BenchIdleCommand.self,
        BenchFlowCommand.self,
        FaultsCommand.self,
    ]

    static func run(_ words: [String]) async -> Int32 {
        guard let command = commands.filter({ words.starts(with: $0.path) }).max(by: { $0.path.count < $1.path.count }) else {
            if words.isEmpty || words == ["--help"] || words == ["help"] { printOverview(); return 0 }
            let prefix = words.prefix { !$0.hasPrefix("-") }
            let family = commands.filter { $0.path.starts(with: prefix) && !prefix.isEmpty }
            if !family.isEmpty { printOverview(family); return words.contains("--help") ? 0 : 64 }
            printError("unknown command '\(words.joined(separator: " "))'; see occ --help")
            return 64
        }
        let rest = Array(words.dropFirst(command.path.count))
        if rest.contains("--help") || rest.contains("-h") {
            print(command.help)
            return 0
        }
        do {
            try await command.run(try Arguments(rest, valued: command.valuedOptions))
            return 0
        } catch let error as UsageError {
            printError("\(error)\n\n\(command.help)")
            return 64
        } catch let exit as CommandExit {
            printError(exit.description)
            return exit.status
        } catch {
            printError("\(command.path.joined(separator: " ")) failed: \(error)")
            return 1
        }
    }

    static func printOverview(_ list: [any Command.Type] = commands) {
        print("occ — operator CLI of the Online Crime Centre referral exchange\n\nCommands:")
        let width = list.map { $0.path.joined(separator: " ").count }.max() ?? 0
        for command in list {
            let name = command.path.joined(separator: " ")
            print("  \(name)\(String(repeating: " ", count: width - name.count))  \(command.summary)")
        }
        print("\nRun 'occ <command> --help' for a command's options.")
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("occ: \(message)\n".utf8))
    }
}
