import Domain
import Foundation
import HTTP
import ServiceKit
import Testing

@Suite("Console: the overview and benefits pages, per role", .serialized)
struct ConsoleFiguresTests {
    static let pages = ["/console/overview", "/console/benefits"]

    @Test("the benefits page shows the API's figures for the same period")
    func benefitsEqualTheAPI() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            _ = try await harness.recordOutcome(agency: ftc, tasking: tasking, PipelineHarness.disruptedOutcome)
            let period = Self.period()
            var browser = ConsoleBrowser(harness.feedback.router)
            try await browser.signedIn(try await harness.officer("NCA_TICAT").token)

            let page = await browser.get("/console/benefits?from=\(period.from)&to=\(period.to)")
            #expect(page.status == 200)
            let api = try await harness.call(harness.feedback.router, .get,
                "/v1/reports/benefits?from=\(period.from)T00:00:00Z&to=\(period.to)T00:00:00Z", token: try await harness.oversightToken())
            let total = try #require(api.json["total"])
            let stages = ["Received": "received", "Tasked": "tasked", "Accepted": "accepted", "Outcome": "with_outcome", "Judicial": "judicial"]
            for (label, name) in stages {
                #expect(Self.cell(page.html, label) == total[name]?.intValue.map(String.init), "\(label)")
            }
            #expect(Self.cell(page.html, "Received") == "4")
            #expect(Self.cell(page.html, "Protected") == total["money_protected_gbp"]?.stringValue)
            #expect(Self.cell(page.html, "All") == total["disruptions"]?["total"]?.intValue.map(String.init))
        }
    }

    @Test("oversight sees counts below the floor as <floor, officers see them; a partner reaches neither page")
    func roles() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let period = Self.period()
            let query = "?from=\(period.from)&to=\(period.to)"
            var officer = ConsoleBrowser(harness.feedback.router)
            try await officer.signedIn(try await harness.officer("NCA_TICAT").token)
            var oversight = ConsoleBrowser(harness.feedback.router)
            try await oversight.signedIn(try await harness.oversightToken())

            let officerView = await officer.get("/console/overview\(query)")
            let oversightView = await oversight.get("/console/overview\(query)")
            #expect(officerView.status == 200 && oversightView.status == 200)
            let volume = try #require(Self.cell(officerView.html, "REPORT_FRAUD"))
            #expect(volume.hasPrefix("3 "))
            #expect(Self.cell(oversightView.html, "REPORT_FRAUD")?.hasPrefix("&lt;5 ") == true)
            #expect(!oversightView.html.contains("<td>3 ") && !oversightView.html.contains("<td>1 "))
            let benefits = await oversight.get("/console/benefits\(query)")
            #expect(Self.cell(benefits.html, "Received") == "&lt;5")

            // Raising the floor's data changes what oversight sees at once.
            try await RAGThresholdRegistry(pool: harness.pool).setFloor(2)
            #expect(Self.cell(await oversight.get("/console/benefits\(query)").html, "Received") == "4")

            var partner = ConsoleBrowser(harness.feedback.router)
            let signedIn = await partner.signIn(scenario.bank.token)
            #expect(signedIn.status == 303 && signedIn.location == "/console/scorecards")
            for page in Self.pages {
                let refused = await partner.get(page + query)
                #expect(refused.status == 403, "\(page)")
                #expect(!refused.html.contains("REPORT_FRAUD"))
            }
        }
    }

    @Test("a partner sees its own scorecard only; officers see every partner's, oversight under the floor")
    func scorecards() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let query = "?from=\(Self.period().from)&to=\(Self.period().to)"
            var partner = ConsoleBrowser(harness.feedback.router)
            try await partner.signedIn(scenario.bank.token)
            let own = await partner.get("/console/scorecards\(query)")
            #expect(own.status == 200)
            #expect(own.html.contains("<th scope=\"row\">High Street Bank</th><td>finance</td><td>1</td><td>1 (100%)</td>"))
            for other in ["Telco One", "Tech Platform", "Cyber Firm"] { #expect(!own.html.contains(other), "\(other)") }

            var officer = ConsoleBrowser(harness.feedback.router)
            try await officer.signedIn(try await harness.officer("NCA_TICAT").token)
            let all = await officer.get("/console/scorecards\(query)")
            for name in ["High Street Bank", "Telco One", "Tech Platform", "Cyber Firm"] { #expect(all.html.contains(">\(name)</th>"), "\(name)") }
            // The bank's referral shares an indicator with the telco's: each is corroborated by the other.
            #expect(all.html.contains("<th scope=\"row\">Telco One</th><td>telco</td><td>1</td><td>1 (100%)</td><td>0 (0%)</td><td>1 (100%)</td>"))

            var oversight = ConsoleBrowser(harness.feedback.router)
            try await oversight.signedIn(try await harness.oversightToken())
            let suppressed = await oversight.get("/console/scorecards\(query)")
            #expect(suppressed.html.contains("<th scope=\"row\">Telco One</th><td>telco</td><td>&lt;5</td><td>suppressed</td>"))
        }
    }

    @Test("each RAG status is a word beside its colour, with its rule; the rules are data")
    func ragRules() async throws {
        try await PipelineHarness.with { harness in
            _ = try await Scenario.run(harness)
            var officer = ConsoleBrowser(harness.feedback.router)
            try await officer.signedIn(try await harness.officer("NCA_TICAT").token)
            let before = await officer.get("/console/overview")
            #expect(before.html.contains("<th scope=\"col\">Taskings created</th><th scope=\"col\">SLA compliance</th><th scope=\"col\">Backlog</th>"))
            #expect(before.html.contains("<span class=\"rag rag-green\" title=\"Green at 25 or fewer; amber at 50 or fewer; red above 50.\">Green</span>"))
            #expect(before.html.contains("<details><summary>Rule</summary>Green at 25 or fewer; amber at 50 or fewer; red above 50.</details>"))

            try await RAGThresholdRegistry(pool: harness.pool).set(try RAGRule(measure: "backlog", better: .lower, green: 0, amber: 0))
            let after = await officer.get("/console/overview")
            let fraud = try #require(after.html.split(separator: "\n").first { $0.contains("<th scope=\"row\">REPORT_FRAUD</th>") })
            #expect(fraud.contains("rag-red") && fraud.contains(">Red</span>") && fraud.contains("red above 0."))
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'rag_threshold.set'") == 1)
        }
    }

    @Test("every page and refusal carries the CSP; a bad period is a 400 naming it")
    func headersAndBadInput() async throws {
        try await PipelineHarness.with { harness in
            var officer = ConsoleBrowser(harness.feedback.router)
            try await officer.signedIn(try await harness.officer("NCA_TICAT").token)
            for target in Self.pages + ["/console/sign-in", "/console/style.css", "/console/overview?from=2026-13-01", "/console/benefits?x=1"] {
                let page = await officer.get(target)
                #expect(page.headers["Content-Security-Policy"] == "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", "\(target)")
                #expect(page.headers["X-Content-Type-Options"] == "nosniff")
                #expect(!page.html.contains("<script"), "\(target)")
                #expect(!page.html.contains("style=\""), "\(target)")
            }
            let bad = await officer.get("/console/overview?from=2026-13-01")
            #expect(bad.status == 400 && bad.html.contains("from"))
            #expect(await officer.get("/console/benefits?from=2026-02-01&to=2026-01-01").status == 400)
        }
    }

    /// The whole-day period containing today (the scenario's referrals arrive today).
    static func period() -> (from: String, to: String) {
        let day: (Date) -> String = { String($0.formatted(.iso8601.year().month().day())) }
        return (day(Date().addingTimeInterval(-86_400)), day(Date().addingTimeInterval(86_400)))
    }

    /// The first data cell of the rows headed `header` (a chart's table and the page's own), when
    /// they agree; the thousands separators a chart's table writes are dropped.
    static func cell(_ html: String, _ header: String) -> String? {
        let marker = "<th scope=\"row\">\(header)</th><td>"
        var cells: Set<String> = []
        var rest = html[...]
        while let start = rest.range(of: marker)?.upperBound, let end = rest[start...].range(of: "</td>")?.lowerBound {
            cells.insert(rest[start..<end].replacingOccurrences(of: ",", with: ""))
            rest = rest[end...]
        }
        return cells.count == 1 ? cells.first : nil
    }
}
