import ConsoleKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite struct BarChartTests {
    static func chart(_ categories: [String], _ values: [Double?], format: ChartValueFormat = .integer) -> BarChart {
        BarChart(id: "volumes", title: "Referrals by team", summary: "Referrals received per agency team.",
                 categoryHeader: "Team", categories: categories, series: [ChartSeries(name: "Referrals", values: values)], format: format)
    }

    @Test func ticksCoverTheDataAndStartAtZero() throws {
        let figure = try Figure(Self.chart(["A", "B", "C"], [3, 17, 42]).render())
        let ticks = figure.tickValues
        #expect(ticks.first == 0)
        #expect(try #require(ticks.last) >= 42)
        #expect(ticks == ticks.sorted())
        #expect(ticks.count >= 3 && ticks.count <= 8)
    }

    @Test func barHeightsAreProportionalToValues() throws {
        let values: [Double] = [5, 10, 40, 25]
        let figure = try Figure(Self.chart(["A", "B", "C", "D"], values.map { $0 }).render())
        let heights = try figure.all("rect", in: figure.all("g", class: "series-0")[0]).map { try figure.number($0, "height") }
        #expect(heights.count == 4)
        for (height, value) in zip(heights, values) {
            // Coordinates are written to a tenth of a unit.
            #expect(abs(height / heights[2] - value / 40) < 0.01)
        }
    }

    @Test func tableHoldsTheInput() throws {
        let figure = try Figure(Self.chart(["North", "South"], [1234, nil]).render())
        #expect(figure.table.headers == ["Team", "Referrals"])
        #expect(figure.table.rows == [["North", "1,234"], ["South", "–"]])
        #expect(figure.all("th").allSatisfy { figure.value($0, "scope") != nil })
    }

    @Test func groupedBarsSitInTheirCategoryBand() throws {
        let chart = BarChart(
            id: "g", title: "By severity", summary: "", categoryHeader: "Team", categories: ["A", "B"],
            series: [ChartSeries(name: "High", values: [4, 2]), ChartSeries(name: "Low", values: [1, 3])])
        let figure = try Figure(chart.render())
        let groups = figure.all("g", class: "series")
        #expect(groups.count == 2)
        #expect(figure.all("g", class: "legend-item").count == 2)
        let firstOfEach = try groups.map { try figure.number(figure.all("rect", in: $0)[0], "x") }
        let secondOfEach = try groups.map { try figure.number(figure.all("rect", in: $0)[1], "x") }
        #expect(firstOfEach[0] < firstOfEach[1] && firstOfEach[1] < secondOfEach[0] && secondOfEach[0] < secondOfEach[1])
        #expect(figure.table.rows == [["A", "4", "1"], ["B", "2", "3"]])
    }

    @Test func negativeValuesHangBelowTheZeroLine() throws {
        let figure = try Figure(Self.chart(["Gain", "Loss"], [30, -12]).render())
        #expect(try #require(figure.tickValues.first) <= -12)
        let zero = try figure.number(figure.all("line", class: "axis-zero")[0], "y1")
        let rects = figure.all("rect", in: figure.all("g", class: "series-0")[0])
        let gain = try (y: figure.number(rects[0], "y"), height: figure.number(rects[0], "height"))
        let loss = try (y: figure.number(rects[1], "y"), height: figure.number(rects[1], "height"))
        #expect(abs(gain.y + gain.height - zero) < 0.2)
        #expect(abs(loss.y - zero) < 0.2)
        #expect(abs(loss.height / gain.height - 12.0 / 30) < 0.01)
    }

    @Test func zeroValuesDrawFlatBarsOnAnAxisFromZero() throws {
        let figure = try Figure(Self.chart(["A", "B"], [0, 0]).render())
        #expect(figure.tickValues.first == 0 && figure.tickValues.last == 1)
        let heights = try figure.all("rect", in: figure.all("g", class: "series-0")[0]).map { try figure.number($0, "height") }
        #expect(heights == [0, 0])
    }

    @Test func emptyDataSaysSoInTheDrawingAndTheTable() throws {
        for chart in [Self.chart([], []), BarChart(id: "e", title: "T", summary: "", categoryHeader: "Team", categories: ["A"], series: [])] {
            let figure = try Figure(chart.render())
            #expect(figure.all("text", class: "no-data").count == 1)
            #expect(figure.all("rect").isEmpty)
            #expect(figure.table.rows == [["No data"]])
            #expect(figure.all("desc")[0].stringValue?.contains("No data.") == true)
        }
    }

    @Test func hugeValuesStayFiniteAndExactInTheTable() throws {
        let figure = try Figure(Self.chart(["A", "B", "C"], [1e15, 2.5e12, .greatestFiniteMagnitude]).render())
        let coordinates = figure.everyElement.flatMap { element in
            ["x", "y", "width", "height", "x1", "x2", "y1", "y2"].compactMap { figure.value(element, $0) }
        }
        #expect(!coordinates.isEmpty && coordinates.allSatisfy { Double($0)?.isFinite == true })
        #expect(figure.table.rows[0] == ["A", "1,000,000,000,000,000"])
        #expect(figure.all("text", class: "value-label").map { $0.stringValue ?? "" }.contains("2.5T"))
        let heights = try figure.all("rect", in: figure.all("g", class: "series-0")[0]).map { try figure.number($0, "height") }
        #expect(heights.allSatisfy { $0 >= 0 && $0 <= 240 })
    }

    @Test func longLabelsAreShortenedOnlyInTheDrawing() throws {
        let long = String(repeating: "Regional Economic Crime Unit ", count: 8)
        let figure = try Figure(Self.chart([long, "B"], [1, 2]).render())
        let label = figure.all("text", class: "category-label")[0]
        #expect(label.children?.compactMap { ($0 as? XMLElement)?.localName } == ["title"])
        #expect(figure.all("title", in: label)[0].stringValue == long)
        #expect((label.stringValue ?? "").hasSuffix("…"))
        #expect(figure.table.rows[0][0] == long)
    }
}
