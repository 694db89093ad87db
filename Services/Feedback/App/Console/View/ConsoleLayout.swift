import ConsoleKit
import ServiceKit

/// The page frame every console page shares: language, title, stylesheet, navigation for the
/// visitor's role, one `h1`, and the sign-out form with its anti-forgery token.
enum ConsoleLayout {
    static func page(title: String, visitor: ConsoleVisitor?, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · OCC oversight console</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/console/style.css">
        </head>
        <body>
        <header class="banner"><span class="brand">OCC oversight console</span>\(visitor.map(navigation) ?? "")</header>
        <main>
        <h1>\(HTML.escape(title))</h1>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    /// A page that only says something (refusals, errors).
    static func message(title: String, text: String, visitor: ConsoleVisitor?) -> String {
        page(title: title, visitor: visitor, body: "<p>\(HTML.escape(text))</p>")
    }

    static func navigation(_ visitor: ConsoleVisitor) -> String {
        let links: [(String, String)] = switch visitor.role {
        case .officer:
            [("/console/overview", "Overview"), ("/console/benefits", "Benefits"), ("/console/scorecards", "Scorecards"),
             ("/console/highlights", "Highlight report"), ("/console/journeys", "Journeys")]
        case .oversight:
            [("/console/overview", "Overview"), ("/console/benefits", "Benefits"), ("/console/scorecards", "Scorecards"),
             ("/console/highlights", "Highlight report")]
        case .partner: [("/console/scorecards", "Your scorecard")]
        }
        let items = links.map { "<li><a href=\"\($0.0)\">\(HTML.escape($0.1))</a></li>" }.joined()
        return """
            <nav aria-label="Console"><ul>\(items)</ul></nav>
            <form class="sign-out" method="post" action="/console/sign-out">
            <input type="hidden" name="csrf" value="\(HTML.escape(visitor.csrf))">
            <span>Signed in as \(HTML.escape(visitor.session.actor)) (\(HTML.escape(visitor.role.rawValue)))</span>
            <button type="submit">Sign out</button>
            </form>
            """
    }

    /// The period chooser: a GET form, so it works without script and the URL names the period.
    static func periodForm(action: String, period: ConsolePeriodView) -> String {
        """
        <form class="period" method="get" action="\(action)">
        <label for="from">From</label> <input id="from" name="from" type="date" value="\(period.from)">
        <label for="to">To (exclusive)</label> <input id="to" name="to" type="date" value="\(period.to)">
        <button type="submit">Show</button>
        </form>
        """
    }
}

/// A period as the forms show it (YYYY-MM-DD).
struct ConsolePeriodView: Sendable {
    let from: String
    let to: String
}
