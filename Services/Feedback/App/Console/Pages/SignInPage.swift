import ConsoleKit
/// The sign-in form: one labelled password field for the API key and the anti-forgery token.
enum SignInPage {
    static func render(csrf: String, error: String?) -> String {
        let problem = error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        return ConsoleLayout.page(title: "Sign in", visitor: nil, body: """
            \(problem)
            <p>Sign in with your API key: an officer's key, an oversight key, or your organisation's partner feedback key.</p>
            <form class="sign-in" method="post" action="/console/sign-in">
            <input type="hidden" name="csrf" value="\(HTML.escape(csrf))">
            <label for="key">API key</label>
            <input id="key" name="key" type="password" autocomplete="off" required>
            <button type="submit">Sign in</button>
            </form>
            """)
    }
}
