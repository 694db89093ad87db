import ConsoleKit
import Domain

/// A RAG status as the console shows it: the colour and the word together, the rule in the
/// badge's `title` (hover) and in a `<details>` anyone can open by keyboard or touch.
enum RAGBadge {
    static func render(_ status: RAGStatus?, rule: RAGRule?) -> String {
        let ruleText = rule?.text ?? "No rule is set for this measure."
        let badge = if let status {
            "<span class=\"rag rag-\(status.rawValue)\" title=\"\(HTML.escape(ruleText))\">\(status.label)</span>"
        } else {
            "<span class=\"rag-none\" title=\"\(HTML.escape(ruleText))\">Not rated</span>"
        }
        return badge + "<details><summary>Rule</summary>\(HTML.escape(ruleText))</details>"
    }
}
