/// Basic accessibility checks on a page's HTML (as `ChromiumPage.html()` returns it, or as a
/// server renders it): each problem is one sentence naming the element. Pure: no browser needed.
public enum A11yCheck {
    /// Every problem found; empty when the page passes:
    /// `lang` on `<html>`; exactly one `<h1>`; every form control labelled (`<label for>`, a
    /// wrapping `<label>`, `aria-label` or `aria-labelledby`); every table has a `<th>`; every
    /// `<svg>` has `role="img"` and a `<title>` or `aria-label`/`aria-labelledby`; every `<img>` has
    /// `alt`; every element with a `rag-*` class has text, so colour is never the only carrier.
    public static func problems(html: String) -> [String] {
        let elements = A11yTree.parse(html)
        var problems: [String] = []
        let roots = elements.filter { $0.name == "html" }
        if let root = roots.first {
            if (root.attributes["lang"] ?? "").isBlank { problems.append("<html> has no lang attribute") }
        } else {
            problems.append("no <html> element")
        }
        let headings = elements.filter { $0.name == "h1" }.count
        if headings != 1 { problems.append("\(headings) <h1> elements; a page needs exactly one") }

        let labelled = Set(elements.filter { $0.name == "label" }.compactMap { $0.attributes["for"] })
        let ids = Set(elements.compactMap { $0.attributes["id"] })
        for (index, element) in elements.enumerated() where isControl(element) {
            let named = !(element.attributes["aria-label"] ?? "").isBlank
                || referencesExisting(element.attributes["aria-labelledby"], ids)
                || element.attributes["id"].map(labelled.contains) == true
                || A11yTree.ancestors(of: index, in: elements).contains { elements[$0].name == "label" }
            if !named { problems.append("\(element.tag) has no label") }
        }
        var tablesWithHeaders = Set<Int>()
        for (index, element) in elements.enumerated() where element.name == "th" {
            A11yTree.ancestors(of: index, in: elements).filter { elements[$0].name == "table" }.forEach { tablesWithHeaders.insert($0) }
        }
        for (index, element) in elements.enumerated() where element.name == "table" && !tablesWithHeaders.contains(index) {
            problems.append("\(element.tag) has no <th> header cells")
        }
        for (index, element) in elements.enumerated() where element.name == "svg" {
            if element.attributes["role"] != "img" { problems.append("\(element.tag) lacks role=\"img\"") }
            let titled = elements.indices.contains { $0 > index && elements[$0].parent == index && elements[$0].name == "title"
                && !elements[$0].text.isBlank }
            let named = titled || !(element.attributes["aria-label"] ?? "").isBlank
                || referencesExisting(element.attributes["aria-labelledby"], ids)
            if !named { problems.append("\(element.tag) has no <title> or aria-label: no text alternative") }
        }
        for element in elements where element.name == "img" && element.attributes["alt"] == nil {
            problems.append("\(element.tag) has no alt attribute")
        }
        for element in elements where element.classes.contains(where: { $0.hasPrefix("rag-") }) && element.text.isBlank {
            problems.append("\(element.tag) shows a RAG status by colour only: it has no text")
        }
        return problems
    }

    private static func isControl(_ element: A11yTree.Element) -> Bool {
        switch element.name {
        case "select", "textarea": true
        case "input": !["hidden", "submit", "button", "reset", "image"].contains((element.attributes["type"] ?? "text").lowercased())
        default: false
        }
    }

    /// An `aria-labelledby` that names at least one element of the page, and only such.
    private static func referencesExisting(_ value: String?, _ ids: Set<String>) -> Bool {
        let names = (value ?? "").split(separator: " ").map(String.init)
        return !names.isEmpty && names.allSatisfy(ids.contains)
    }
}

extension String {
    /// Empty or only white space.
    fileprivate var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
