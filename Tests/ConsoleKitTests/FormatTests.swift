@testable import ConsoleKit
import Testing

@Suite struct FormatTests {
    @Test func fullValues() {
        #expect(ChartValueFormat.integer.string(1_234_567) == "1,234,567")
        #expect(ChartValueFormat.integer.string(-0.2) == "0")
        #expect(ChartValueFormat.integer.string(-1234.6) == "-1,235")
        #expect(ChartValueFormat.decimal(places: 2).string(0.5) == "0.50")
        #expect(ChartValueFormat.currency(symbol: "£").string(-2500) == "-£2,500")
        #expect(ChartValueFormat.percent(places: 1).string(12.345) == "12.3%")
        #expect(ChartValueFormat.integer.string(nil) == "–")
        #expect(ChartValueFormat.integer.string(.nan) == "–")
    }

    @Test func compactValues() {
        #expect(ChartValueFormat.integer.compact(9_999) == "9,999")
        #expect(ChartValueFormat.integer.compact(12_500) == "12.5k")
        #expect(ChartValueFormat.currency(symbol: "£").compact(3_200_000) == "£3.2M")
        #expect(ChartValueFormat.integer.compact(-4e9) == "-4B")
        #expect(ChartValueFormat.integer.compact(250e12) == "250T")
        #expect(ChartValueFormat.integer.compact(2e18) == "2.0e+18")
    }

    @Test func scalesAreRoundAndCoverTheData() {
        #expect(ChartScale(values: [3, 17, 42]).ticks == [0, 10, 20, 30, 40, 50])
        #expect(ChartScale(values: [-12, 30]).ticks == [-20, -10, 0, 10, 20, 30])
        #expect(ChartScale(values: [0.30000000000000004]).ticks.count == 4)
        let empty = ChartScale(values: []).ticks
        #expect(empty.count == 6 && empty.first == 0 && empty.last == 1)
        #expect(ChartScale(values: [0.3]).ticks.last! >= 0.3)
        let huge = ChartScale(values: [.greatestFiniteMagnitude, -.greatestFiniteMagnitude])
        #expect(huge.ticks.allSatisfy(\.isFinite) && huge.fraction(.greatestFiniteMagnitude) == 1 && huge.fraction(0) == 0.5)
        #expect(ChartScale.niceStep(0.7) == 1 && ChartScale.niceStep(1.1) == 2 && ChartScale.niceStep(3) == 5)
    }

    @Test func tickLabelsUseTheStepsDecimals() {
        let scale = ChartScale(values: [0.3])
        #expect(scale.ticks.map { ChartValueFormat.integer.tick($0, step: scale.step) } == ["0.0", "0.1", "0.2", "0.3"])
    }
}
