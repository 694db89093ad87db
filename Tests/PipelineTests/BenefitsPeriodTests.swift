import Domain
import Foundation
import Postgres
import ServiceKit
import TestSupport
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
                _ = try await harness.recordOutcome(agency: ftc, tasking: bankTasking, """
                    {"kind": "disrupted", "disruption_severity": "major", "disruptions": [{"kind": "close_account"}],
                     "assets_restrained": {"amount": "1000.05", "currency": "USD"}, "money_repatriated": {"amount": "70000", "currency": "JPY"}}
                    """)
                _ = try await harness.recordOutcome(agency: ftc, tasking: bankTasking, #"{"kind": "charged", "home_office_code": 1, "suspects": 3}"#)
                let telcoTasking = try #require(try await harness.taskingID(agency: reportFraud, referral: scenario.telcoReferral))
                _ = try await harness.recordOutcome(agency: reportFraud, tasking: telcoTasking, #"{"kind": "under_investigation"}"#)
                let cyberTasking = try #require(try await harness.taskingID(agency: ticat, referral: scenario.cyberReferral))
                _ = try await harness.recordOutcome(agency: ticat, tasking: cyberTasking, #"{"kind": "under_investigation"}"#)
                _ = try await harness.recordOutcome(agency: ticat, tasking: cyberTasking, #"{"kind": "charged", "home_office_code": 1}"#)
                _ = try await harness.recordOutcome(agency: ticat, tasking: cyberTasking, """
                    {"kind": "out_of_court_disposal", "home_office_code": 3, "money_repatriated": {"amount": "250.10", "currency": "EUR"}}
                    """)
                if let techTasking = try await harness.taskingID(agency: reportFraud, referral: scenario.techReferral) {
                    _ = try await harness.call(harness.tasking.router, .post, "/v1/taskings/\(techTasking)/accept", token: reportFraud, purpose: "triage")
                }
                // Requests to partners: a block the telco completes, a freeze left open, a take-down the cyber firm declines.
                let tasks = harness.tasking.router, feeds = harness.feedback.router
                let block = try await harness.call(tasks, .post, "/v1/taskings/\(bankTasking)/requests", token: ftc,
                                                   body: PartnerRequestTests.blockNumber(), purpose: "disruption")
                let completion = #"{"completed_at": "\#(Timestamp.format(Date()))"}"#
                #expect(try await harness.call(feeds, .post, "/v1/requests/\(block.json["id"]?.intValue ?? 0)/complete", token: scenario.telco.token,
                                               body: completion).status == 200)
                let freeze = try await harness.call(tasks, .post, "/v1/taskings/\(bankTasking)/requests", token: ftc, body: """
                    {"kind": "freeze_account", "indicator_key": "iban:GB29NWBK60161331926819", "gateway": "dpa_2018_sch2_para2",
                     "deadline": "\(PartnerRequestTests.deadline(86_400))"}
                    """, purpose: "disruption")
                let takeDown = try await harness.call(tasks, .post, "/v1/taskings/\(cyberTasking)/requests", token: ticat, body: """
                    {"kind": "take_down_domain", "indicator_key": "domain:c2.badhost.example", "gateway": "dpa_2018_sch2_para2",
                     "deadline": "\(PartnerRequestTests.deadline(86_400))"}
                    """, purpose: "disruption")
                #expect(block.status == 201 && freeze.status == 201 && takeDown.status == 201, "\(freeze.text) \(takeDown.text)")
                #expect(try await harness.call(feeds, .post, "/v1/requests/\(takeDown.json["id"]?.intValue ?? 0)/decline", token: scenario.cyber.token,
                                               body: #"{"reason": "Not our host."}"#).status == 200)
                // The telco's and the cyber firm's referrals were received 300 days earlier: the period is those two days.
                _ = try await harness.pool.query(.init(
                    "test_backdate", "UPDATE referrals SET received_at = received_at - interval '300 days' WHERE id = ANY($1::uuid[])",
                    [[scenario.telcoReferral, scenario.cyberReferral].map { $0.uuidString }]))
                // The freeze was raised in that period and is long past its deadline: overdue, in a period whose
                // referrals it is not about (requests count by when they were raised).
                _ = try await harness.pool.query(.init("test_backdate_request", """
                    UPDATE partner_requests SET raised_at = (SELECT min(received_at) FROM referrals) + interval '1 hour',
                                                deadline = (SELECT min(received_at) FROM referrals) + interval '2 hours'
                    WHERE id = $1
                    """, [Int64(freeze.json["id"]?.intValue ?? 0)]))
                let seeded = try await Seeded.load(harness)
                let earliest = try #require(try await harness.text("SELECT to_char(min(received_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM referrals"))
                let from = try #require(Timestamp.parse(earliest + "T00:00:00Z"))
                let to = from.addingTimeInterval(2 * 86_400)
                let oversight = try await harness.oversightToken()

                for (query, period) in [("", nil), ("from=\(Timestamp.format(from))&to=\(Timestamp.format(to))", (from, to))] {
                    let expected = seeded.report(period)
                    #expect(expected["total"]?["all"]?["received"] == (period == nil ? "4" : "2"))
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
                let all = seeded.report(nil)
                // The request figures: one completed block by the telco sector, one overdue freeze, one declined take-down.
                #expect(all["sector"]?["telco"]?["requests_completed"] == "1" && all["sector"]?["telco"]?["median_seconds_to_complete"] != "")
                #expect(all["total"]?["all"]?["requests_raised"] == "3" && all["total"]?["all"]?["requests_overdue"] == "1")
                #expect(all["partner"]?["Cyber Firm"]?["requests_raised"] == "1" && all["agency"]?["NCA_TICAT"]?["requests_completed"] == "0")
                let period = seeded.report((from, to))
                #expect(period["partner"]?["High Street Bank"]?["received"] == "0" && period["partner"]?["High Street Bank"]?["requests_overdue"] == "1")
                // The cyber referral's first outcome was "under investigation": its time to outcome is the charge's.
                #expect(all["crime_type"]?["cyber.ransomware"]?["with_outcome"] == "1")
                #expect(all["partner"]?["Telco One"]?["with_outcome"] == "0" && all["partner"]?["Telco One"]?["median_seconds_to_outcome"] == "")
                // Money in GBP at the dated rates; the yen amount has no rate and is counted as unconverted.
                #expect(all["total"]?["all"]?["money_unconverted"] == "1" && all["total"]?["all"]?["money_protected_gbp"] == "5000.00")
                #expect(all["total"]?["all"]?["judicial_ho_1"] == "2" && all["total"]?["all"]?["judicial_ho_3"] == "1")
                #expect(all["agency"]?["COLP_FTC"]?["disruptions"] == "2" && all["agency"]?["COLP_FTC"]?["disruptions_major"] == "1")

                // occ report benefits prints the same figures from the same code, JSON and CSV.
                let window = ["--from", Timestamp.format(from), "--to", Timestamp.format(to)]
                for arguments in [[String](), window] {
                    let expected = seeded.report(arguments.isEmpty ? nil : (from, to))
                    let json = try await OCCCommand.run(["report", "benefits"] + arguments, conninfo: harness.database.conninfo(as: .operator))
                    #expect(json.status == 0, "\(json.stderr)")
                    let parsed = try JSONValue(parsing: Data(json.stdout.utf8))
                    for dimension in BenefitsQuery.dimensions {
                        #expect(Self.lines(parsed["by_\(dimension)"]?.arrayValue) == expected[dimension], "occ \(dimension)")
                    }
                    let csv = try await OCCCommand.run(["report", "benefits", "--format", "csv", "--by", "agency"] + arguments,
                                                       conninfo: harness.database.conninfo(as: .operator))
                    #expect(Self.csvLines(csv.stdout) == ["total": expected["total"] ?? [:], "agency": expected["agency"] ?? [:]])
                }
                let refused = try await OCCCommand.run(["report", "benefits", "--by", "team"], conninfo: harness.database.conninfo(as: .operator))
                #expect(refused.status == 64 && refused.stderr.contains("--by"))
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

        /// A JSON line as the test compares it: its figures by CSV column name, as text.
        private static func lines(_ array: [JSONValue]?) -> [String: Seeded.Figures] {
            var result: [String: Seeded.Figures] = [:]
            for line in array ?? [] {
                var figures: Seeded.Figures = [:]
                for column in BenefitsReport.csvColumns.dropFirst(2) {
                    let value: JSONValue?
                    if column.hasPrefix("judicial_ho_") {
                        value = line["judicial_by_home_office_code"]?[String(column.dropFirst("judicial_ho_".count))]
                    } else if column == "disruptions" {
                        value = line["disruptions"]?["total"]
                    } else if column.hasPrefix("disruptions_") {
                        let name = String(column.dropFirst("disruptions_".count))
                        value = line["disruptions"]?[Seeded.severities.contains(name) ? "by_severity" : "by_kind"]?[name]
                    } else {
                        value = line[column]
                    }
                    figures[column] = text(value, median: column.hasPrefix("median_"))
                }
                result[line["key"]?.stringValue ?? "?"] = figures
            }
            return result
        }

        private static func text(_ value: JSONValue?, median: Bool) -> String {
            switch value {
            case .integer(let number): median ? String(format: "%.3f", Double(number)) : String(number)
            case .number(let number): String(format: "%.3f", number)
            case .string(let text): text
            case .null: ""
            default: "?"
            }
        }

        /// CSV rows by dimension and key (keys here have no commas or quotes), figures by column.
        private static func csvLines(_ text: String) -> [String: [String: Seeded.Figures]] {
            var rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            guard let header = rows.first?.components(separatedBy: ","), header == BenefitsReport.csvColumns else { return [:] }
            rows.removeFirst()
            var result: [String: [String: Seeded.Figures]] = [:]
            for row in rows {
                let cells = row.components(separatedBy: ",")
                guard cells.count == header.count else { return [:] }
                var figures: Seeded.Figures = [:]
                for (column, cell) in zip(header, cells).dropFirst(2) {
                    figures[column] = column.hasPrefix("median_") ? Double(cell).map { String(format: "%.3f", $0) } ?? "" : cell
                }
                result[cells[0], default: [:]][cells[1]] = figures
            }
            return result
        }
    }
}
