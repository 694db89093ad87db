/// One `occ` sub-command.
protocol Command: Sendable {
    /// Words that select the command, e.g. `["bench", "pg"]`.
    static var path: [String] { get }
    static var summary: String { get }
    /// Full help text printed by `--help`.
    static var help: String { get }
    /// Options that take a value (all other `--words` are flags).
    static var valuedOptions: Set<String> { get }
    static func run(_ arguments: Arguments) async throws
}

extension Command {
    static var valuedOptions: Set<String> { [] }
}
