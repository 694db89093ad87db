import ConsoleKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A rendered chart parsed as XML (our output is well-formed XML as well as HTML), with lookups
/// by element name and class.
struct Figure {
    let markup: String
    let root: XMLElement

    init(_ html: HTML) throws {
        markup = html.markup
        root = try #require(try XMLDocument(xmlString: html.markup, options: []).rootElement())
    }

    /// Every element named `name` (any namespace) in document order, optionally only with class `cls`.
    func all(_ name: String, class cls: String? = nil, in start: XMLElement? = nil) -> [XMLElement] {
        var found: [XMLElement] = []
        func walk(_ element: XMLElement) {
            if element.localName == name, cls.map({ classes(element).contains($0) }) ?? true { found.append(element) }
            for child in element.children ?? [] { if let child = child as? XMLElement { walk(child) } }
        }
        walk(start ?? root)
        return found
    }

    /// An attribute's value. (FoundationXML's `attribute(forName:)` finds nothing on elements in
    /// the SVG namespace, so this reads the attribute list.)
    func value(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    func classes(_ element: XMLElement) -> [String] {
        (value(element, "class") ?? "").split(separator: " ").map(String.init)
    }

    func number(_ element: XMLElement, _ attribute: String) throws -> Double {
        try #require(Double(value(element, attribute) ?? ""), "\(attribute) of \(element.name ?? "?")")
    }

    /// The data table: header texts, then each row's cell texts (the row header first).
    var table: (headers: [String], rows: [[String]]) {
        let headers = all("thead").flatMap { all("th", in: $0) }.map { $0.stringValue ?? "" }
        let rows = all("tbody").flatMap { all("tr", in: $0) }.map { row in
            (row.children ?? []).compactMap { ($0 as? XMLElement)?.stringValue }
        }
        return (headers, rows)
    }

    /// Numbers written on the value axis, read back through the chart's own format (no grouping).
    var tickValues: [Double] {
        all("text", class: "tick-label").compactMap { Double(($0.stringValue ?? "").replacingOccurrences(of: ",", with: "")) }
    }

    /// Every attribute name anywhere in the figure.
    var attributeNames: Set<String> {
        Set(everyElement.flatMap { ($0.attributes ?? []).compactMap(\.name) })
    }

    var everyElement: [XMLElement] {
        var found: [XMLElement] = []
        func walk(_ element: XMLElement) {
            found.append(element)
            for child in element.children ?? [] { if let child = child as? XMLElement { walk(child) } }
        }
        walk(root)
        return found
    }
}
