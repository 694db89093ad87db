import ConsoleKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// What every chart owes a page: escaped labels, no inline script or style (the console's CSP
/// forbids both), a text alternative, the same output every time.
@Suite struct ChartSafetyTests {
    static let hostile = #"<script>alert("x")</script> & 'quoted' "double" </svg><b onload=x>"#

    static var charts: [HTML] {
        [
            BarChart(id: "bar\"><x", title: hostile, summary: hostile, categoryHeader: hostile, categories: [hostile, "B"],
                     series: [ChartSeries(name: hostile, values: [1, 2]), ChartSeries(name: "Other", values: [3, -1])]).render(),
            LineChart(id: "line", title: hostile, summary: hostile, periodHeader: hostile, periods: [hostile, "W2"],
                      series: [ChartSeries(name: hostile, values: [1, 2])]).render(),
            FunnelChart(id: "funnel", title: hostile, summary: hostile, stageHeader: hostile,
                        stages: [FunnelStage(name: hostile, count: 3), FunnelStage(name: "B", count: 1)]).render(),
        ]
    }

    @Test func everyLabelIsEscaped() throws {
        for chart in Self.charts {
            let figure = try Figure(chart)
            #expect(!chart.markup.contains("<script") && !chart.markup.contains("<b "))
            #expect(figure.all("script").isEmpty && figure.all("b").isEmpty)
            #expect(figure.all("figcaption")[0].stringValue == Self.hostile)
            #expect(figure.table.headers[0] == Self.hostile)
            #expect(figure.table.rows[0][0] == Self.hostile)
        }
    }

    @Test func noInlineScriptStyleOrHandlers() throws {
        for chart in Self.charts {
            let names = try Figure(chart).attributeNames
            #expect(!names.contains("style"))
            #expect(!names.contains { $0.lowercased().hasPrefix("on") })
        }
    }

    @Test func svgIsOneImageWithTitleAndDescription() throws {
        for chart in Self.charts {
            let figure = try Figure(chart)
            let svg = try #require(figure.all("svg").first)
            #expect(figure.value(svg, "role") == "img")
            let ids = (figure.value(svg, "aria-labelledby") ?? "").split(separator: " ").map(String.init)
            let titled = figure.everyElement.filter { ids.contains(figure.value($0, "id") ?? "") }.map(\.localName)
            #expect(titled == ["title", "desc"])
            #expect(figure.all("desc")[0].stringValue?.hasPrefix(Self.hostile) == true)
        }
    }

    @Test func renderingIsDeterministic() {
        #expect(Self.charts == Self.charts)
    }

    @Test func aPageOfChartsPassesTheAccessibilityChecks() {
        let page = "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><h1>Charts</h1>"
            + Self.charts.map(\.markup).joined() + "</body></html>"
        #expect(A11yCheck.problems(html: page) == [])
    }
}
