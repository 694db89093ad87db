import Foundation
import Testing

/// Every environment variable the documents name is one the code or the deployment files use,
/// and every variable the services read is in docs/deploy.md's table.
@Suite("docs name only environment variables that exist")
struct DocsVariablesTests {
    /// Read by libpq itself, which every service and `occ` use (PostgreSQL's documentation lists them).
    static let libpq: Set<String> = [
        "PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGPASSFILE", "PGDATABASE", "PGOPTIONS", "PGSSLMODE",
        "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY", "PGCONNECT_TIMEOUT", "PGAPPNAME", "PGSERVICE",
    ]

    /// Names in the code: string literals in Swift sources, and whatever the deployment files
    /// (compose files, scripts, env examples, units, Containerfiles) spell.
    static func known() -> Set<String> {
        var names = libpq
        for path in Repository.files() {
            if path.hasSuffix(".swift") {
                guard path.hasPrefix("Services/") || path.hasPrefix("Shared/") || path.hasPrefix("Tests/Support/"),
                      let text = Repository.text(path) else { continue }
                names.formUnion(VariableNames.all(in: text, quoted: true))
            } else if !path.hasSuffix(".md"), !path.hasPrefix("Tests/"), !path.hasPrefix("docs/"), let text = Repository.text(path) {
                names.formUnion(VariableNames.all(in: text))
            }
        }
        return names
    }

    /// What the services and `occ` read from their environment, found in the Swift sources.
    static func read() -> Set<String> {
        var names: Set<String> = []
        for path in Repository.files() where path.hasSuffix(".swift") && (path.hasPrefix("Services/") || path.hasPrefix("Shared/")) {
            guard let text = Repository.text(path), text.contains("config.") else { continue }
            for match in text.matches(of: /config\.(?:string|int|duration|bool|raw)\(\s*"([A-Z][A-Z0-9_]+)"/) { names.insert(String(match.output.1)) }
        }
        return names
    }

    @Test("names are found as a shell or Swift source spells them")
    func scanning() {
        #expect(VariableNames.all(in: "export HTTP_PORT=8080 OCC_IMAGE; ${LOG_LEVEL:-info} Http_Port _X A_ PATH") == ["HTTP_PORT", "OCC_IMAGE", "LOG_LEVEL"])
        #expect(VariableNames.all(in: #"config.int("DATABASE_POOL_SIZE") // QUEUE_LISTEN "#, quoted: true) == ["DATABASE_POOL_SIZE"])
    }

    @Test("each variable-shaped name in the documents' code is used by the code or the deployment files")
    func documentedVariablesExist() async {
        let (known, unknown) = await offPool { () -> (Set<String>, [String]) in
            let known = Self.known()
            var unknown: [String] = []
            for path in Repository.documents {
                guard let text = Repository.text(path) else { continue }
                for (line, code) in Markdown.code(text) {
                    for name in VariableNames.all(in: code).sorted() where !known.contains(name) { unknown.append("\(path):\(line): \(name)") }
                }
            }
            return (known, unknown)
        }
        #expect(known.contains("DATABASE_URL") && known.contains("TASKING_MODE"), "the code's names were read")
        #expect(unknown.isEmpty, "names nothing in the code uses:\n\(unknown.joined(separator: "\n"))")
    }

    @Test("every variable the services read is in docs/deploy.md's table of variables")
    func readVariablesAreDocumented() async throws {
        let table = try #require(Repository.text("docs/deploy.md")).split(separator: "\n").filter { $0.hasPrefix("| `") }.joined(separator: "\n")
        let read = await offPool { Self.read() }
        #expect(read.contains("HTTP_PORT") && read.contains("QUEUE_LISTEN"), "the variables read were found")
        let missing = read.filter { !table.contains("`\($0)`") }.sorted()
        #expect(missing.isEmpty, "read by the code but not in docs/deploy.md's table: \(missing.joined(separator: ", "))")
    }
}
