import Foundation
import TestSupport
import Testing

@Suite("Console: occ rag, occ targets and occ console sessions as the operator", .serialized)
struct ConsoleCommandsTests {
    @Test("rules, the floor and targets are set and listed as the operator login; bad input changes nothing")
    func rulesAndTargets() async throws {
        try await PipelineHarness.with { harness in
            let conninfo = harness.database.conninfo(as: .operator)
            let set = try await OCCCommand.run(["rag", "set", "backlog", "--better", "lower", "--green", "10", "--amber", "20"], conninfo: conninfo)
            #expect(set.status == 0, "\(set.stderr)")
            let inverted = try await OCCCommand.run(["rag", "set", "backlog", "--better", "lower", "--green", "30", "--amber", "20"], conninfo: conninfo)
            #expect(inverted.status == 64 && inverted.stderr.contains("at most the amber"))
            #expect(try await OCCCommand.run(["rag", "floor", "0"], conninfo: conninfo).status == 64)
            #expect(try await OCCCommand.run(["rag", "floor", "7"], conninfo: conninfo).status == 0)
            let list = try await OCCCommand.run(["rag", "list"], conninfo: conninfo)
            #expect(list.stdout.contains("backlog\tlower\t10\t20\tGreen at 10 or fewer; amber at 20 or fewer; red above 20.\n"))
            #expect(list.stdout.hasSuffix("oversight_floor\t7\n"))

            let target = try await OCCCommand.run(
                ["targets", "set", "--from", "2026-01-01", "--to", "2026-04-01", "money_protected_gbp", "250000"], conninfo: conninfo)
            #expect(target.status == 0, "\(target.stderr)")
            #expect(try await OCCCommand.run(["targets", "set", "--from", "2026-04-01", "--to", "2026-01-01", "received", "5"], conninfo: conninfo).status == 64)
            #expect(try await OCCCommand.run(["targets", "set", "--from", "2026-01-01", "--to", "2026-04-01", "volume", "5"], conninfo: conninfo).status == 64)
            #expect(try await OCCCommand.run(["targets", "list"], conninfo: conninfo).stdout == "2026-01-01\t2026-04-01\tmoney_protected_gbp\t250000.00\n")
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action IN ('rag_threshold.set', 'console_floor.set', 'benefit_target.set')") == 3)

            var officer = ConsoleBrowser(harness.feedback.router)
            try await officer.signedIn(try await harness.officer("NCA_TICAT").token)
            let page = await officer.get("/console/benefits?from=2026-01-01&to=2026-04-01")
            #expect(page.html.contains("<th scope=\"row\">Protected</th><td>0.00</td><td>250000.00</td>"))
            #expect(page.html.contains("<th scope=\"row\">Received</th><td>0</td><td>no target set</td>"))
        }
    }

    @Test("sessions are listed without tokens and revoked by id")
    func sessions() async throws {
        try await PipelineHarness.with { harness in
            let conninfo = harness.database.conninfo(as: .operator)
            var browser = ConsoleBrowser(harness.feedback.router)
            try await browser.signedIn(try await harness.oversightToken())
            let token = try #require(browser.cookies["occ_console"])
            let list = try await OCCCommand.run(["console", "sessions", "list"], conninfo: conninfo)
            #expect(list.status == 0 && list.stdout.split(separator: "\n").count == 1 && !list.stdout.contains(token))
            let id = try #require(list.stdout.split(separator: "\t").first.map(String.init))
            #expect(try await OCCCommand.run(["console", "sessions", "revoke", id], conninfo: conninfo).status == 0)
            #expect(try await OCCCommand.run(["console", "sessions", "revoke", id], conninfo: conninfo).status == 64)
            #expect(await browser.get("/console/overview").location == "/console/sign-in")
            #expect(try await OCCCommand.run(["console", "sessions", "list"], conninfo: conninfo).stdout.isEmpty)
            #expect(try await OCCCommand.run(["console", "sessions", "list", "--all"], conninfo: conninfo).stdout.contains("\trevoked "))
        }
    }
}
