import ConsoleKit
import Domain
import Foundation

/// A referral's journey: the form asking for the referral and the officer's purpose, and the
/// timeline it shows once the view is recorded.
enum JourneyPage {
    static func form(visitor: ConsoleVisitor, error: String? = nil, referral: String = "", purpose: String = "") -> String {
        let problem = error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        return ConsoleLayout.page(title: "Referral journey", visitor: visitor, body: """
            \(problem)
            <p>Each view of a referral's journey is recorded in the audit log with your name and the purpose you state.</p>
            <form class="sign-in" method="post" action="/console/journeys">
            <input type="hidden" name="csrf" value="\(HTML.escape(visitor.csrf))">
            <label for="referral">Referral id (UUID)</label>
            <input id="referral" name="referral" type="text" value="\(HTML.escape(referral))" required>
            <label for="purpose">Purpose (a case or operation reference, or why you need it)</label>
            <input id="purpose" name="purpose" type="text" value="\(HTML.escape(purpose))" required>
            <button type="submit">Show the journey</button>
            </form>
            """)
    }

    static func timeline(_ journey: Journey, purpose: Purpose, visitor: ConsoleVisitor) -> String {
        var table = ConsoleTable(caption: "Timeline of referral \(journey.referral.uuidString.lowercased())", columns: ["Time (UTC)", "Event", "Detail"])
        table.rows = journey.events.map { [.text($0.at.formatted(.iso8601)), .text($0.event), .text($0.detail)] }
        return ConsoleLayout.page(title: "Referral journey", visitor: visitor, body: """
            <p>Viewed for: \(HTML.escape(purpose.text)) (recorded in the audit log).</p>
            \(table.html)
            <p class="note">Requests to partners and questions to the referrer are not shown here.</p>
            <p><a href="/console/journeys">Another referral</a></p>
            """)
    }
}
