import Foundation
import Testing

/// The repository explains itself: no file points outside it, and no document links to nothing.
@Suite("links stay inside the repository")
struct RepositoryLinksTests {
    @Test("no file names a path outside the repository (../shared, /work/…)")
    func noOutsidePaths() {
        var found: [String] = []
        for path in Repository.files() where path != "Tests/DocsTests/RepositoryLinksTests.swift" {
            guard let text = Repository.text(path) else { continue }
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("../shared") || line.contains("/work/shared") || line.contains("/work/main") {
                found.append("\(path):\(index + 1): \(line.trimmingCharacters(in: .whitespaces).prefix(120))")
            }
        }
        #expect(found.isEmpty, "paths outside the repository:\n\(found.joined(separator: "\n"))")
    }

    @Test("every relative link in a Markdown file resolves to a file or folder inside the repository")
    func markdownLinksResolveInside() {
        var bad: [String] = []
        for path in Repository.files() where path.hasSuffix(".md") {
            guard let text = Repository.text(path) else { continue }
            let folder = Repository.root.appendingPathComponent(path).deletingLastPathComponent()
            for (line, target) in Markdown.links(text) {
                if target.hasPrefix("#") || target.contains("://") || target.hasPrefix("mailto:") { continue }
                let file = String(target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                let resolved = (file.hasPrefix("/") ? Repository.root.appendingPathComponent(file) : folder.appendingPathComponent(file))
                    .standardizedFileURL.path
                if !(resolved + "/").hasPrefix(Repository.root.path + "/") {
                    bad.append("\(path):\(line): \(target) leaves the repository")
                } else if !FileManager.default.fileExists(atPath: resolved) {
                    bad.append("\(path):\(line): \(target) does not exist")
                }
            }
        }
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }
}
