extension Arguments {
    /// Refuses options, flags and positionals a command does not take: a typo must not go unnoticed.
    func requireOnly(valued: Set<String>, flags known: Set<String> = [], positionals count: Int = 0) throws(UsageError) {
        if let option = Set(options.keys).subtracting(valued).sorted().first { throw UsageError("unknown option --\(option)") }
        if let flag = flags.subtracting(known).sorted().first { throw UsageError("unknown option --\(flag)") }
        if positionals.count > count { throw UsageError("unexpected argument '\(positionals[count])'") }
    }
}
