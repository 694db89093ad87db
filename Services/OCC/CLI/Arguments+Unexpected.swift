extension Arguments {
    /// Refuses any option, flag or positional word the command does not take, so a typo is an
    /// error rather than silently ignored.
    func rejectUnexpected(valued: Set<String>, flags known: Set<String> = []) throws(UsageError) {
        if let option = Set(options.keys).subtracting(valued).sorted().first { throw UsageError("unknown option --\(option)") }
        if let flag = flags.subtracting(known).sorted().first { throw UsageError("unknown option --\(flag)") }
        if let word = positionals.first { throw UsageError("unexpected argument '\(word)'") }
    }
}
