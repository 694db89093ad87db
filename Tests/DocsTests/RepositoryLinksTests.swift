import Foundation
import Testing

/// The repository explains itself: no file points outside it, and no document links to nothing.
@Suite("links stay inside the repository")
struct RepositoryLinksTests {
    @Test("no file names a path outside the repository (../shared, /work/…)")
    func noOutsidePaths() async {
        let found = await offPool {
            var found: [String] = []
            for path in Repository.files() where path != "Tests/DocsTests/RepositoryLinksTests.swift" {
                guard let text = Repository.text(path), text.contains("../shared") || text.contains("/work/") else { continue }
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where line.contains("../shared") || line.contains("/work/shared") || line.contains("/work/main") {
                    found.append("\(path):\(index + 1): \(line.trimmingCharacters(in: .whitespaces).prefix(120))")
                }
            }
            return found
        }
        #expect(found.isEmpty, "paths outside the repository:\n\(found.joined(separator: "\n"))")
    }

    /// What is wrong with `target`, linked from the Markdown file at `path`, or nil.
    static func problem(link target: String, in path: String) -> String? {
        if target.hasPrefix("#") || target.contains("://") || target.hasPrefix("mailto:") { return nil }
        let folder = Repository.root.appendingPathComponent(path).deletingLastPathComponent()
        let file = String(target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
        let resolved = (file.hasPrefix("/") ? Repository.root.appendingPathComponent(file) : folder.appendingPathComponent(file))
            .standardizedFileURL.path
        if !(resolved + "/").hasPrefix(Repository.root.path + "/") { return "\(target) leaves the repository" }
        if !FileManager.default.fileExists(atPath: resolved) { return "\(target) does not exist" }
        return nil
    }

    @Test("every relative link in a Markdown file resolves to a file or folder inside the repository")
    func markdownLinksResolveInside() async {
        let bad = await offPool {
            var bad: [String] = []
            for path in Repository.files() where path.hasSuffix(".md") {
                guard let text = Repository.text(path) else { continue }
                for (line, target) in Markdown.links(text) {
                    if let problem = Self.problem(link: target, in: path) { bad.append("\(path):\(line): \(problem)") }
                }
            }
            return bad
        }
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }

    @Test("the check itself: a link out of the repository or to nothing is caught")
    func checkCatches() {
        #expect(Markdown.links("see [the design](../shared/DESIGN.md) and <a href=\"x.md\">x</a>").map(\.target) == ["../shared/DESIGN.md", "x.md"])
        #expect(Self.problem(link: "../shared/DESIGN.md", in: "README.md") == "../shared/DESIGN.md leaves the repository")
        #expect(Self.problem(link: "../../docs/deploy.md#tls", in: "deploy/agency/README.md") == nil)
        #expect(Self.problem(link: "../../../etc/passwd", in: "deploy/agency/README.md") != nil)
        #expect(Self.problem(link: "nowhere.md", in: "docs/deploy.md") == "nowhere.md does not exist")
        #expect(Self.problem(link: "https://example.org/", in: "docs/deploy.md") == nil)
    }
}
