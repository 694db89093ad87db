import Foundation
import Testing

/// `QUEUE_LISTEN=false`, the mode for PgBouncer in transaction pooling: no worker holds a LISTEN
/// session, and polling alone carries a referral through the three workers.
@Suite("End to end: workers in poll-only mode", .serialized)
struct PollOnlyTests {
    @Test("with QUEUE_LISTEN=false no worker LISTENs, polling carries a referral to feedback, and the start log says listen=false")
    func pollOnly() async throws {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("occ-poll-only-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: logs) }
        let exchange = try await Exchange(
            environment: ["QUEUE_LISTEN": "false", "QUEUE_POLL_INTERVAL": "200ms", "LOG_LEVEL": "info"], logDirectory: logs)
        let telco = try await exchange.partner("Telco One", .telco)
        let referral = Exchange.referral("TEL-1", crimeType: "fraud.app_impersonation", indicators: #"{"kind": "phone", "value": "07700 900123"}"#)
        #expect(try await exchange.call("intake", .post, "/v1/referrals", token: telco.token, body: referral).0 == 201)
        #expect(try await exchange.eventually { try await exchange.count("SELECT count(*) FROM referrals WHERE status = 'tasked'") == 1 })

        let agency = try #require(try await exchange.text("SELECT agency_code FROM taskings"))
        let officer = try await exchange.officer(agency, name: "Poll Officer", staffID: "P1").token
        let tasking = try #require(try await exchange.call("tasking", .get, "/v1/taskings", token: officer).1["taskings"]?
            .arrayValue?.first?["id"]?.stringValue)
        let outcome = #"{"kind": "disrupted", "disruptions": [{"kind": "block_number", "indicator_key": "phone:+447700900123"}]}"#
        #expect(try await exchange.call("tasking", .post, "/v1/taskings/\(tasking)/outcome", token: officer, body: outcome,
                                         purpose: "recording the disruption").0 == 201)
        #expect(try await exchange.eventually { try await exchange.count("SELECT count(*) FROM feedback_items") == 1 })
        // Every worker has claimed jobs, so each got past the point where it would have LISTENed.
        #expect(try await exchange.listenerSessions() == 0)
        #expect(await exchange.stop().values.allSatisfy { $0 == 0 })

        for service in ["enrichment", "tasking", "feedback"] {
            let log = try Data(contentsOf: URL(fileURLWithPath: "\(logs)/\(service).log"))
            #expect(!log.contains(0), "\(service) wrote a NUL byte")
            let text = String(decoding: log, as: UTF8.self)
            #expect(!text.contains(#"\u0000"#), "\(service) logged an escaped NUL")
            let started = text.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: String]
            }.filter { $0["msg"] == "worker started" }
            #expect(started.count == 1, "\(service) logs one start line")
            #expect(started.first?["listen"] == "false", "\(service): \(started)")
        }
    }
}
