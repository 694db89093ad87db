import ConsoleKit
import Foundation

/// A data table: a caption, column headers (`scope="col"`), and rows whose first cell is the
/// row's header (`scope="row"`). Cells are plain text, escaped here; `cellHTML` cells are
/// already HTML (a RAG badge).
struct ConsoleTable: Sendable {
    enum Cell: Sendable {
        case text(String)
        case html(String)
    }

    let caption: String
    let columns: [String]
    var rows: [[Cell]] = []

    var html: String {
        let head = columns.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
        let body = rows.map { row in
            "<tr>" + row.enumerated().map { index, cell in
                let content = switch cell {
                case .text(let text): HTML.escape(text)
                case .html(let html): html
                }
                return index == 0 ? "<th scope=\"row\">\(content)</th>" : "<td>\(content)</td>"
            }.joined() + "</tr>"
        }.joined(separator: "\n")
        return """
            <table>
            <caption>\(HTML.escape(caption))</caption>
            <thead><tr>\(head)</tr></thead>
            <tbody>
            \(body)
            </tbody>
            </table>
            """
    }

    /// The same table as CSV (RFC 4180), for the download links.
    var csv: String {
        let lines = [columns] + rows.map { row in
            row.map { cell in
                switch cell {
                case .text(let text): text
                case .html(let html): html.replacing(/<[^>]*>/, with: "")
                }
            }
        }
        return lines.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func field(_ text: String) -> String {
        let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        guard safe.contains(where: { ",\"\r\n".contains($0) }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
