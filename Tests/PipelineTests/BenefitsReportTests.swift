import Domain
import Foundation
import Testing

@Suite("Feedback: the oversight benefits report", .serialized)
struct BenefitsReportTests {
    @Test("counts referrals received, tasked and with an outcome per partner, sector, crime type and agency")
    func figures() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            _ = try await harness.recordOutcome(agency: ftc, tasking: tasking, PipelineHarness.disruptedOutcome)

            #expect(try await harness.call(harness.feedback.router, .get, "/v1/reports/benefits", token: scenario.bank.token).status == 403)
            let report = try await harness.call(harness.feedback.router, .get, "/v1/reports/benefits", token: try await harness.oversightToken())
            #expect(report.status == 200)
            let total = try #require(report.json["total"])
            #expect(Self.figures(total) == [4, 4, 1])
            let toTasking = try #require(Self.seconds(total["median_seconds_to_tasking"]))
            let toOutcome = try #require(Self.seconds(total["median_seconds_to_outcome"]))
            #expect(toTasking >= 0 && toTasking < 60)
            #expect(toOutcome >= toTasking)

            let sectors = Self.lines(report.json["by_sector"])
            #expect(sectors.mapValues(Self.figures) == ["finance": [1, 1, 1], "telco": [1, 1, 0], "tech": [1, 1, 0], "cyber": [1, 1, 0]])
            let partners = Self.lines(report.json["by_partner"])
            #expect(partners["High Street Bank"].map(Self.figures) == [1, 1, 1])
            #expect(partners["Telco One"].map(Self.figures) == [1, 1, 0])
            let crimes = Self.lines(report.json["by_crime_type"])
            #expect(crimes.mapValues(Self.figures) == [
                "fraud.app_impersonation": [2, 2, 1], "fraud.purchase": [1, 1, 0], "cyber.ransomware": [1, 1, 0]])
            let agencies = Self.lines(report.json["by_agency"])
            // Every agency has a line, the nine regional ROCUs included.
            let regional = agencies.filter { $0.key.hasPrefix("ROCU_") }
            #expect(regional.count == 9 && regional.values.allSatisfy { Self.figures($0) == [0, 0, 0] })
            #expect(agencies.filter { !$0.key.hasPrefix("ROCU_") }.mapValues(Self.figures) == [
                "COLP_FTC": [2, 2, 1], "REPORT_FRAUD": [3, 3, 0], "NCA_TICAT": [1, 1, 0], "NCA_INTERNATIONAL": [0, 0, 0], "ROCU": [0, 0, 0]])
            #expect(agencies["ROCU"]?["median_seconds_to_tasking"] == .null || agencies["ROCU"]?["median_seconds_to_tasking"] == nil)
        }
    }

    private static func figures(_ line: JSONValue) -> [Int] {
        ["received", "tasked", "with_outcome"].map { line[$0]?.intValue ?? -1 }
    }

    private static func lines(_ section: JSONValue?) -> [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: (section?.arrayValue ?? []).compactMap { line in line["key"]?.stringValue.map { ($0, line) } })
    }

    private static func seconds(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let seconds): seconds
        case .integer(let seconds): Double(seconds)
        default: nil
        }
    }
}
