import Domain
import Foundation
import Postgres
import Testing

/// The benefits report against sums the test computes itself from the seeded rows.
extension PursueTests {
    @Suite("Feedback: the benefits report adds up for a period, by every dimension, in JSON and CSV", .serialized)
    struct BenefitsPeriodTests {
        @Test("figures equal independent sums for a period and for all time; CSV agrees; under investigation is no outcome")
        func figuresAddUp() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let ftc = try await harness.agencyToken("COLP_FTC")
                let reportFraud = try await harness.agencyToken("REPORT_FRAUD")
                let ticat = try await harness.agencyToken("NCA_TICAT")
                let bankTasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
                _ = try await harness.recordOutcome(agency: ftc, tasking: bankTasking, PipelineHarness.disruptedOutcome)
                let telcoTasking = try #require(try await harness.taskingID(agency: reportFraud, referral: scenario.telcoReferral))
                _ = try await harness.recordOutcome(agency: reportFraud, tasking: telcoTasking, #"{"kind": "under_investigation"}"#)
                let cyberTasking = try #require(try await harness.taskingID(agency: ticat, referral: scenario.cyberReferral))
                _ = try await harness.recordOutcome(agency: ticat, tasking: cyberTasking, #"{"kind": "under_investigation"}"#)
                _ = try await harness.recordOutcome(agency: ticat, tasking: cyberTasking, #"{"kind": "charged", "home_office_code": 1}"#)
                // The telco's and the cyber firm's referrals were received 300 days earlier: the period is those two days.
                _ = try await harness.pool.query(.init(
                    "test_backdate", "UPDATE referrals SET received_at = received_at - interval '300 days' WHERE id = ANY($1::uuid[])",
                    [[scenario.telcoReferral, scenario.cyberReferral].map { $0.uuidString }]))
                let seeded = try await Seeded.load(harness)
                let earliest = try #require(try await harness.text("SELECT to_char(min(received_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM referrals"))
                let from = try #require(Timestamp.parse(earliest + "T00:00:00Z"))
                let to = from.addingTimeInterval(2 * 86_400)
                let oversight = try await harness.oversightToken()

                for (query, period) in [("", nil), ("from=\(Timestamp.format(from))&to=\(Timestamp.format(to))", (from, to))] {
                    let expected = seeded.report(period)
                    #expect(expected["total"]?["all"]?.received == (period == nil ? 4 : 2))
                    let report = try await harness.call(harness.feedback.router, .get, "/v1/reports/benefits?\(query)", token: oversight)
                    #expect(report.status == 200)
                    #expect(Self.lines(report.json["total"].map { [$0] }) == expected["total"])
                    for dimension in BenefitsQuery.dimensions {
                        #expect(Self.lines(report.json["by_\(dimension)"]?.arrayValue) == expected[dimension], "\(dimension) \(query)")
                        let one = try await harness.call(
                            harness.feedback.router, .get, "/v1/reports/benefits?by=\(dimension)&\(query)", token: oversight)
                        #expect(Self.lines(one.json["by_\(dimension)"]?.arrayValue) == expected[dimension])
                        #expect(one.json["by_\(dimension == "partner" ? "sector" : "partner")"] == nil)
                        let csv = try await harness.call(
                            harness.feedback.router, .get, "/v1/reports/benefits?format=csv&by=\(dimension)&\(query)", token: oversight)
                        #expect(csv.status == 200 && csv.contentType?.hasPrefix("text/csv") == true)
                        #expect(Self.csvLines(csv.text) == ["total": expected["total"] ?? [:], dimension: expected[dimension] ?? [:]])
                    }
                }
                // The cyber referral's first outcome was "under investigation": its time to outcome is the charge's.
                let cyber = seeded.report(nil)["crime_type"]?["cyber.ransomware"]
                #expect(cyber?.withOutcome == 1)
                let telcoOnly = seeded.report(nil)["partner"]?["Telco One"]
                #expect(telcoOnly?.withOutcome == 0 && telcoOnly?.toOutcome == nil)
            }
        }

        @Test("unknown, repeated and bad parameters are a 400 naming each")
        func badParameters() async throws {
            try await PipelineHarness.with { harness in
                let oversight = try await harness.oversightToken()
                let cases: [(String, [String])] = [
                    ("since=2026-01-01T00:00:00Z", ["since"]), ("from=2026-13-01T00:00:00Z", ["from"]), ("to=yesterday", ["to"]),
                    ("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", ["to"]), ("format=xml", ["format"]), ("by=team", ["by"]),
                    ("format=csv&format=json", ["format"]), ("x=1&by=agency&by=sector", ["x", "by"]),
                ]
                for (query, fields) in cases {
                    let response = try await harness.call(harness.feedback.router, .get, "/v1/reports/benefits?\(query)", token: oversight)
                    #expect(response.status == 400, "\(query)")
                    #expect(response.json["errors"]?.strings("field") == fields, "\(query)")
                }
            }
        }

        /// One line of figures as the test compares them.
        struct Figures: Equatable {
            var received = 0
            var tasked = 0
            var withOutcome = 0
            var toTasking: Double?
            var toOutcome: Double?

            static func == (a: Figures, b: Figures) -> Bool {
                func close(_ x: Double?, _ y: Double?) -> Bool {
                    switch (x, y) {
                    case (nil, nil): true
                    case (let x?, let y?): abs(x - y) < 0.001
                    default: false
                    }
                }
                return a.received == b.received && a.tasked == b.tasked && a.withOutcome == b.withOutcome
                    && close(a.toTasking, b.toTasking) && close(a.toOutcome, b.toOutcome)
            }
        }

        private static func number(_ value: JSONValue?) -> Double? {
            switch value {
            case .number(let number): number
            case .integer(let number): Double(number)
            default: nil
            }
        }

        private static func lines(_ array: [JSONValue]?) -> [String: Figures] {
            var result: [String: Figures] = [:]
            for line in array ?? [] {
                result[line["key"]?.stringValue ?? "?"] = Figures(
                    received: line["received"]?.intValue ?? -1, tasked: line["tasked"]?.intValue ?? -1,
                    withOutcome: line["with_outcome"]?.intValue ?? -1, toTasking: number(line["median_seconds_to_tasking"]),
                    toOutcome: number(line["median_seconds_to_outcome"]))
            }
            return result
        }

        /// CSV rows by dimension and key (keys here have no commas or quotes).
        private static func csvLines(_ text: String) -> [String: [String: Figures]] {
            var rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            guard rows.first == "dimension,key,received,tasked,with_outcome,median_seconds_to_tasking,median_seconds_to_outcome" else { return [:] }
            rows.removeFirst()
            var result: [String: [String: Figures]] = [:]
            for row in rows {
                let cells = row.components(separatedBy: ",")
                guard cells.count == 7 else { return [:] }
                result[cells[0], default: [:]][cells[1]] = Figures(
                    received: Int(cells[2]) ?? -1, tasked: Int(cells[3]) ?? -1, withOutcome: Int(cells[4]) ?? -1,
                    toTasking: Double(cells[5]), toOutcome: Double(cells[6]))
            }
            return result
        }
    }
}
