import Foundation
import ServiceKit
import Domain
import Testing

@Suite("Console: the highlight report and its CSV tables", .serialized)
struct ConsoleHighlightsTests {
    @Test("the report names RAG changes with their figures and rule, lists overdue items, and downloads each table as CSV")
    func highlights() async throws {
        try await PipelineHarness.with { harness in
            _ = try await Scenario.run(harness)
            // Backlog: green at 0, amber at 2 or fewer. REPORT_FRAUD's 3 open taskings are red now, none before.
            try await RAGThresholdRegistry(pool: harness.pool).set(try RAGRule(measure: "backlog", better: .lower, green: 0, amber: 2))
            let period = ConsoleFiguresTests.period()
            let query = "from=\(period.from)&to=\(period.to)"
            var officer = ConsoleBrowser(harness.feedback.router)
            try await officer.signedIn(try await harness.officer("NCA_TICAT").token)

            let page = await officer.get("/console/highlights?\(query)")
            #expect(page.status == 200)
            #expect(page.html.contains("<tr><th scope=\"row\">REPORT_FRAUD</th><td>backlog</td><td>Green</td><td>Red</td><td>3 (was 0). Green at 0 or fewer; amber at 2 or fewer; red above 2.</td></tr>"))
            #expect(page.html.contains("<th scope=\"row\">Referrals received</th><td>4</td><td>no target set</td>"))
            #expect(page.html.contains("href=\"/console/highlights.csv?table=rag_changes&amp;from="))

            let csv = await officer.get("/console/highlights.csv?table=rag_changes&\(query)")
            #expect(csv.status == 200 && csv.headers["Content-Type"] == "text/csv; charset=utf-8")
            #expect(csv.headers["Content-Disposition"]?.hasPrefix("attachment; filename=\"highlights-rag_changes-") == true)
            #expect(csv.html.hasPrefix("Team or sector,Measure,Was,Now,Reason\r\n"))
            #expect(csv.html.contains("REPORT_FRAUD,backlog,Green,Red,3 (was 0). Green at 0 or fewer; amber at 2 or fewer; red above 2.\r\n"))
            #expect(await officer.get("/console/highlights.csv?table=secrets&\(query)").status == 400)
            #expect(await officer.get("/console/highlights.csv?\(query)").status == 400)

            // Oversight: the same report without any change resting on a count below the floor.
            var oversight = ConsoleBrowser(harness.feedback.router)
            try await oversight.signedIn(try await harness.oversightToken())
            let suppressed = await oversight.get("/console/highlights?\(query)")
            #expect(suppressed.status == 200 && !suppressed.html.contains("REPORT_FRAUD</th><td>backlog"))
            #expect(suppressed.html.contains("<th scope=\"row\">Referrals received</th><td>&lt;5</td>"))
            var partner = ConsoleBrowser(harness.feedback.router)
            try await partner.signedIn(try await harness.partner("Bank Two", .finance).token)
            #expect(await partner.get("/console/highlights.csv?table=overdue&\(query)").status == 403)
        }
    }
}
