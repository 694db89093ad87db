import ConsoleKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite struct LineAndFunnelTests {
    static let weeks = ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]

    @Test func linePointsFollowTheValuesAndGapsBreakTheLine() throws {
        let chart = LineChart(id: "weekly", title: "Referrals per week", summary: "",
                              periods: Self.weeks, series: [ChartSeries(name: "Received", values: [10, 20, nil, 40])])
        let figure = try Figure(chart.render())
        let polylines = figure.all("polyline")
        #expect(polylines.count == 1)  // 10–20; 40 stands alone after the gap
        #expect(figure.value(polylines[0], "points")?.split(separator: " ").count == 2)
        let circles = figure.all("circle")
        #expect(circles.count == 3)
        let zero = try figure.number(figure.all("line", class: "axis-zero")[0], "y1")
        let rise = try circles.map { zero - (try figure.number($0, "cy")) }
        #expect(abs(rise[1] / rise[0] - 2) < 0.01 && abs(rise[2] / rise[0] - 4) < 0.01)
        #expect(try #require(figure.tickValues.last) >= 40)
        #expect(figure.table.headers == ["Week", "Received"])
        #expect(figure.table.rows == [["2026-W45", "10"], ["2026-W46", "20"], ["2026-W47", "–"], ["2026-W48", "40"]])
    }

    @Test func onePointIsAMarkerWithItsLabel() throws {
        let chart = LineChart(id: "one", title: "T", summary: "", periods: ["2026-W48"],
                              series: [ChartSeries(name: "Money", values: [1500])], format: .currency(symbol: "£"))
        let figure = try Figure(chart.render())
        #expect(figure.all("polyline").isEmpty)
        #expect(figure.all("circle").count == 1)
        #expect(figure.all("text", class: "value-label").map(\.stringValue) == ["£1,500"])
        #expect(figure.all("desc")[0].stringValue?.contains("2026-W48: £1,500.") == true)
    }

    @Test func manyPeriodsLabelOnlyTheLastPointButTabulateAll() throws {
        let periods = (1...52).map { "2026-W\($0)" }
        let chart = LineChart(id: "year", title: "T", summary: "", periods: periods,
                              series: [ChartSeries(name: "A", values: periods.indices.map { Double($0) })])
        let figure = try Figure(chart.render())
        #expect(figure.all("circle").count == 52)
        #expect(figure.all("text", class: "value-label").map(\.stringValue) == ["51"])
        #expect(figure.all("text", class: "category-label").count <= 12)
        #expect(figure.table.rows.count == 52)
    }

    @Test func funnelBarsAreProportionalAndTheTableGivesShares() throws {
        let chart = FunnelChart(id: "funnel", title: "From referral to court", summary: "", stages: [
            FunnelStage(name: "Received", count: 200), FunnelStage(name: "Tasked", count: 100),
            FunnelStage(name: "Accepted", count: 50), FunnelStage(name: "Judicial", count: 0),
        ])
        let figure = try Figure(chart.render())
        let widths = try figure.all("rect", in: figure.all("g", class: "series-0")[0]).map { try figure.number($0, "width") }
        #expect(widths.count == 4)
        #expect(abs(widths[1] / widths[0] - 0.5) < 0.01 && abs(widths[2] / widths[0] - 0.25) < 0.01 && widths[3] == 0)
        #expect(try #require(figure.tickValues.last) >= 200)
        #expect(figure.table.headers == ["Stage", "Count", "Share of previous stage", "Share of first stage"])
        #expect(figure.table.rows == [
            ["Received", "200", "–", "100.0%"], ["Tasked", "100", "50.0%", "50.0%"],
            ["Accepted", "50", "50.0%", "25.0%"], ["Judicial", "0", "0.0%", "0.0%"],
        ])
    }

    @Test func funnelWithNothingReceivedShowsNoShares() throws {
        let chart = FunnelChart(id: "f", title: "T", summary: "", stages: [FunnelStage(name: "Received", count: 0), FunnelStage(name: "Tasked", count: 0)])
        let figure = try Figure(chart.render())
        #expect(figure.table.rows == [["Received", "0", "–", "–"], ["Tasked", "0", "–", "–"]])
        #expect(try Figure(FunnelChart(id: "f", title: "T", summary: "", stages: []).render()).table.rows == [["No data"]])
    }
}
