import EnrichmentApp
import FeedbackApp
import Foundation
import IntakeApp
import TaskingApp
import Testing

/// One set of default ports: the executables', compose.yaml's and docs/deploy.md's table agree,
/// and no document states another.
@Suite("one set of default ports")
struct PortsTableTests {
    static let defaults = [
        "intake": IntakeApplication.defaultPort, "tasking": TaskingSettings.defaultPort,
        "feedback": FeedbackSettings.defaultPort, "enrichment": EnrichmentSettings.defaultPort,
    ]

    @Test("docs/deploy.md's table of services gives each executable's default port")
    func tableMatchesCode() throws {
        let text = try #require(Repository.text("docs/deploy.md"))
        for (service, port) in Self.defaults {
            let row = text.split(separator: "\n").first { $0.hasPrefix("| `\(service)` |") }
            let cells = try #require(row, "docs/deploy.md has no table row for `\(service)`").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells.count > 2 && cells[1] == "\(port)", "docs/deploy.md: `\(service)` row says \(cells.dropFirst().first ?? "?"), the code \(port)")
        }
    }

    @Test("compose.yaml runs each service on its default port")
    func composeMatchesCode() throws {
        let text = try #require(Repository.text("compose.yaml"))
        for (service, port) in Self.defaults {
            let block = try #require(text.firstRange(of: "\n  \(service):\n").map { text[$0.upperBound...] })
            let end = block.firstRange(of: /\n  [a-z][a-z-]*:\n/)?.lowerBound ?? block.endIndex
            #expect(block[..<end].contains("HTTP_PORT: \"\(port)\""), "compose.yaml: \(service) should set HTTP_PORT \(port)")
        }
    }

    @Test("no document gives a service another port in the 8080s")
    func noOtherPorts() async {
        let allowed = Set(Self.defaults.values)
        let other = await offPool {
            var other: [String] = []
            for path in Repository.documents {
                guard let text = Repository.text(path), text.contains("80") else { continue }
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains("80") {
                    for match in line.matches(of: /\b(80[89]\d)\b/) where !allowed.contains(Int(match.output.1)!) {
                        other.append("\(path):\(index + 1): \(match.output.1)")
                    }
                }
            }
            return other
        }
        #expect(other.isEmpty, "ports that are no service's default:\n\(other.joined(separator: "\n"))")
    }
}
