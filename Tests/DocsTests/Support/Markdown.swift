import Foundation

/// The parts of a Markdown document that name code: inline code spans and fenced block lines.
enum Markdown {
    /// Each code span's content and each line of every fenced block, with the line it is on.
    static func code(_ text: String) -> [(line: Int, code: String)] {
        var fragments: [(Int, String)] = []
        var fenced = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                fenced.toggle()
                continue
            }
            if fenced {
                fragments.append((index + 1, String(line)))
                continue
            }
            let parts = line.split(separator: "`", omittingEmptySubsequences: false)
            for (position, part) in parts.enumerated() where position % 2 == 1 && position < parts.count - 1 {
                fragments.append((index + 1, String(part)))
            }
        }
        return fragments
    }

    /// Link targets: `[text](target)` and `<a href="target">`, with the line each is on.
    static func links(_ text: String) -> [(line: Int, target: String)] {
        var links: [(Int, String)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for match in line.matches(of: /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/) { links.append((index + 1, String(match.output.1))) }
            for match in line.matches(of: /href="([^"]+)"/) { links.append((index + 1, String(match.output.1))) }
        }
        return links
    }
}
