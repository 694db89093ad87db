import Foundation

/// The repository these tests check, found from this file's own path.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .standardizedFileURL

    /// Folders that are not the repository's own content: build output, VCS data, editors' state.
    static let skipped: Set<String> = [".git", ".build", ".swiftpm", ".vscode", ".idea", "node_modules"]

    /// Every file under the root, as paths relative to it, skipping build output and `.git`.
    static func files(under folder: String = "") -> [String] {
        let base = folder.isEmpty ? root : root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
        var paths: [String] = []
        for case let url as URL in walker {
            let name = url.lastPathComponent
            // In a git worktree `.git` is a file naming the main checkout: not content either.
            if name == ".git" { walker.skipDescendants(); continue }
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                if skipped.contains(name) || name.hasPrefix(".build") { walker.skipDescendants() }
                continue
            }
            paths.append(String(url.standardizedFileURL.path.dropFirst(root.path.count + 1)))
        }
        return paths.sorted()
    }

    /// The file's text, or nil when it is not UTF-8 text.
    static func text(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
              !data.contains(0) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// The Markdown documents the docs checks read: docs/, the README and deploy's READMEs.
    static var documents: [String] {
        files().filter { $0.hasSuffix(".md") && ($0.hasPrefix("docs/") || $0 == "README.md" || $0.hasPrefix("deploy/")) }
    }
}
