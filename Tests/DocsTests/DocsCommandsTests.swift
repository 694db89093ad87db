import Foundation
@testable import OCC
import Testing

/// Every `occ` command the documents and compose files name is in the CLI's command registry,
/// with options its help lists (so commands other branches register pass unchanged).
@Suite("docs name only occ commands and options that exist")
struct DocsCommandsTests {
    /// Each registered command's words and help text.
    static let registry: [(path: [String], help: String)] = CommandLineTool.commands.map { command in (command.path, command.help) }
    static var paths: [[String]] { registry.map { $0.path } }

    /// Words of one mention: `occ jobs list|show --queue q` gives [[jobs], [list, show]] and [--queue].
    struct Mention {
        let words: [[String]]
        let options: [String]

        init?(_ tokens: [String]) {
            var words: [[String]] = []
            var index = 0
            while index < tokens.count, tokens[index].wholeMatch(of: /[a-z][a-z0-9-]*(\|[a-z][a-z0-9-]*)*/) != nil {
                words.append(tokens[index].split(separator: "|").map(String.init))
                index += 1
            }
            guard !words.isEmpty else { return nil }
            self.words = words
            options = tokens[index...].compactMap { token in
                token.wholeMatch(of: /(--[a-z][a-z0-9-]*)(=.*)?/).map { String($0.output.1) }
            }
        }

        /// Every spelled-out command, e.g. [jobs, list] and [jobs, show].
        var expansions: [[String]] {
            words.reduce([[]]) { prefixes, choices in prefixes.flatMap { prefix in choices.map { prefix + [$0] } } }
        }
    }

    /// What is wrong with a mention, or nil: each expansion must be a command (and arguments)
    /// or a family of commands; its options must appear in the command's help.
    static func problem(_ mention: Mention) -> String? {
        for words in mention.expansions {
            let command = registry.filter { words.starts(with: $0.path) }.max { $0.path.count < $1.path.count }
            if let command {
                let help = command.help
                if let option = mention.options.first(where: { !help.contains($0) && $0 != "--help" }) {
                    return "occ \(command.path.joined(separator: " ")) has no option \(option)"
                }
            } else if !paths.contains(where: { $0.starts(with: words) }) {
                return "no command occ \(words.joined(separator: " "))"
            }
        }
        return nil
    }

    /// The words after `occ`, up to the end of that shell command (a pipe, `&&`, `;`, a
    /// redirection, a comment). `\|` is a Markdown table's escaped `|` between alternatives.
    static func tokens(after occ: Substring) -> [String] {
        var words = occ.replacingOccurrences(of: "\\|", with: "|").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // `…/occ occ migrate`: a URL's database name followed by the command.
        while words.first == "occ" { words.removeFirst() }
        let end = words.firstIndex { ["|", "||", "&&", ";", "\\", "#"].contains($0) || $0.hasPrefix(">") || $0.hasPrefix("<") || $0.hasPrefix("2>") } ?? words.count
        return words[..<end].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "`,;:()[]")) }
    }

    @Test("each `occ …` in the documents' code is a registered command, with options it takes")
    func documentedCommandsExist() async {
        #expect(Self.paths.contains(["simulate"]) && Self.paths.contains(["demo"]))
        let bad = await offPool {
            var bad: [String] = []
            for path in Repository.documents {
                guard let text = Repository.text(path) else { continue }
                for (line, code) in Markdown.code(text) where code.contains("occ ") {
                    for match in code.matches(of: /(?:^|[\s\/(])occ +(.+)/) {
                        guard let mention = Mention(Self.tokens(after: match.output.1)), let problem = Self.problem(mention) else { continue }
                        bad.append("\(path):\(line): \(problem)")
                    }
                }
            }
            return bad
        }
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }

    @Test("each command compose runs with the occ binary is a registered command, with options it takes")
    func composeCommandsExist() throws {
        var seen = 0, bad: [String] = []
        for path in ["compose.yaml", "deploy/agency/compose.yaml"] {
            let text = try #require(Repository.text(path))
            for match in text.matches(of: /command:\s*\[\s*"occ",\s*([^\]]*)\]/) {
                let tokens = match.output.1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                seen += 1
                if let mention = Mention(tokens), let problem = Self.problem(mention) { bad.append("\(path): \(problem)") }
            }
        }
        #expect(seen >= 3, "compose's occ commands were found")
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }

    @Test("the check itself: unknown commands and options are caught, families and alternatives pass")
    func checkCatches() {
        #expect(Self.problem(Mention(["demo", "--simulate"])!) != nil)
        #expect(Self.problem(Mention(["webhooks", "add"])!) != nil)
        #expect(Self.problem(Mention(["jobs", "list|show|retry"])!) == nil)
        #expect(Self.problem(Mention(["audit"])!) == nil)
        #expect(Self.problem(Mention(["demo", "--keep-running"])!) == nil)
    }
}
