/// Parsed command-line words: `--name value`, `--name=value`, `--flag` and positionals.
struct Arguments: Sendable {
    private(set) var options: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// `valued` names the options that take a value; any other `--word` is a flag.
    init(_ words: [String], valued: Set<String>) throws(UsageError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else { positionals.append(word); continue }
            let body = String(word.dropFirst(2))
            if let equals = body.firstIndex(of: "=") {
                options[String(body[..<equals])] = String(body[body.index(after: equals)...])
            } else if valued.contains(body) {
                guard index < words.count else { throw UsageError("--\(body) needs a value") }
                options[body] = words[index]
                index += 1
            } else {
                flags.insert(body)
            }
        }
    }

    func string(_ name: String) -> String? { options[name] }

    func require(_ name: String) throws(UsageError) -> String {
        guard let value = options[name], !value.isEmpty else { throw UsageError("--\(name) is required") }
        return value
    }

    func int(_ name: String, default value: Int) throws(UsageError) -> Int {
        guard let text = options[name] else { return value }
        guard let number = Int(text), number >= 0 else { throw UsageError("--\(name) must be a whole number") }
        return number
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// A mistake in how a command was called; printed with the command's usage.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
