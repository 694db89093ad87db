import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

/// The demo's story: four partners refer, two agencies act, partners get sanitised feedback.
struct DemoScenario: Sendable {
    let pool: PostgresPool
    let ports: [String: Int]
    let partnerKeys: [Sector: String]
    let agencyKeys: [String: String]
    /// A second officer per agency: notes to partners are released only on their approval.
    let reviewerKeys: [String: String]
    let oversightKey: String

    static func prepare(conninfo: String, ports: [String: Int]) async throws -> DemoScenario {
        let pool = PostgresPool(.init(conninfo: conninfo, maxConnections: 2, applicationName: "occ-demo"))
        let keys = try await SimulatorKeys.issue(pool: pool, actor: "occ-demo")
        var partnerKeys: [Sector: String] = [:]
        for sector in Sector.allCases { partnerKeys[sector] = try keys.partner(sector) }
        // A second officer per agency approves the first one's notes to partners (docs/disclosure.md).
        var reviewerKeys: [String: String] = [:]
        let officers = OfficerRegistry(pool: pool)
        let issuer = APIKeyRegistry(pool: pool)
        for (agency, name) in SimulatorKeys.agencies {
            let reviewer = try await officers.add(
                agency: agency, name: "\(name) (reviewer)", staffID: "DEMO\(UInt16.random(in: 1000...9999))", actor: "occ-demo")
            reviewerKeys[agency] = try await issuer.issue(officer: reviewer.id, actor: "occ-demo").key.token
        }
        emit("registered a partner per sector (telco, tech, cyber, finance), two officers with keys for COLP_FTC, NCA_TICAT, REPORT_FRAUD")
        return DemoScenario(
            pool: pool, ports: ports, partnerKeys: partnerKeys, agencyKeys: keys.officers, reviewerKeys: reviewerKeys, oversightKey: keys.oversight)
    }

    func play() async throws {
        emit("\n== 1. partners refer")
        var references: [(Sector, String, String)] = []
        for (sector, body) in DemoReferrals.all {
            let response = try await call("intake", .post, "/v1/referrals", key: partnerKeys[sector]!, json: body)
            let json = Self.object(response)
            let reference = json["reference"] as? String ?? "?"
            emit("  \(sector.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) → \(response.status.code) \(reference) status=\(json["status"] as? String ?? "?")")
            if response.status.code >= 300 { emit("    \(response.text.prefix(400))") }
            references.append((sector, reference, json["id"] as? String ?? ""))
        }

        emit("\n== 2. enrichment correlates, tasking routes")
        try await waitFor("every referral tasked", count: "SELECT count(DISTINCT referral_id)::int FROM taskings", atLeast: references.count)
        // The bank's referral joined the telco's network: the telco's is re-scored and routed again.
        try await waitFor(
            "re-routing settled", count: "SELECT (count(*) = 0)::int FROM occ_jobs WHERE queue IN ('enrichment', 'tasking')", atLeast: 1)
        try await DemoReport.printNetworks(pool)
        for agency in ["COLP_FTC", "NCA_TICAT", "REPORT_FRAUD"] {
            let items = try await taskings(agency)
            let summary = items.map { "\($0["reference"] as? String ?? "?") \($0["priority"] as? String ?? "")" }.joined(separator: ", ")
            emit("  \(agency.padding(toLength: 12, withPad: " ", startingAt: 0)) sees \(items.count) tasking(s): \(summary)")
        }

        emit("\n== 3. officers act")
        let ftcTasking = try await act(agency: "COLP_FTC", outcome: [
            "kind": "disrupted",
            "disruptions": [["kind": "block_number", "indicator_key": "phone:+447700900123"], ["kind": "freeze_account"]],
            "money_protected": ["amount": "18250.00", "currency": "GBP"],
            "partner_note": "Number blocked by the network and mule account frozen. Thank you for the referral.",
        ])
        try await later(agency: "COLP_FTC", tasking: ftcTasking)
        try await act(agency: "NCA_TICAT", outcome: [
            "kind": "under_investigation",
            "embargo_until": ISO8601DateFormatter().string(from: Date().addingTimeInterval(90 * 86_400)),
            "partner_note": "Linked to a live operation.",
        ])

        emit("\n== 4. partners pull their feedback")
        try await waitFor("feedback written", count: "SELECT count(*)::int FROM feedback_items", atLeast: 3)
        for sector in Sector.allCases {
            let response = try await call("feedback", .get, "/v1/feedback", key: partnerKeys[sector]!)
            let items = Self.object(response)["items"] as? [[String: Any]] ?? []
            emit("  \(sector.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(items.count) item(s)")
            for item in items {
                let note = (item["note"] as? String).map { " note: \"\($0)\"" } ?? ""
                emit("      \(item["referral_reference"] as? String ?? item["reference"] as? String ?? "") \(item["status"] as? String ?? ""): \(item["message"] as? String ?? item["summary"] as? String ?? Self.compact(item)) [TLP:\(item["tlp"] as? String ?? "?")]\(note)")
            }
        }

        emit("\n== 5. journeys")
        try await DemoReport.printJourneys(pool)
        emit("\n== 6. oversight: who read which referral, and why (occ audit who-read)")
        for (_, reference, id) in references {
            guard let referral = UUID(uuidString: id) else { continue }
            let lines = try await pool.withConnection { try await AuditWhoReadCommand.lines(referral: referral, on: $0) }
            for line in lines { emit("  \(reference)  " + line.joined(separator: "  ")) }
        }
        let benefits = try await call("feedback", .get, "/v1/reports/benefits", key: oversightKey)
        emit("\n== 7. oversight benefits report (GET /v1/reports/benefits → \(benefits.status.code))")
        emit("  " + Self.compact(Self.object(benefits)["total"] ?? Self.object(benefits)).prefix(600))
        await pool.close()
    }

    /// A case goes on after its first outcome: a charge on the same tasking, then the decision to close it.
    private func later(agency: String, tasking id: String?) async throws {
        guard let id else { return }
        let charged = try await call(
            "tasking", .post, "/v1/taskings/\(id)/outcome", key: agencyKeys[agency]!, json: ["kind": "charged", "home_office_code": 1],
            purpose: "recording the charge")
        let closed = try await call(
            "tasking", .post, "/v1/taskings/\(id)/close", key: agencyKeys[agency]!, json: ["reason": "Suspect charged; the file is with the CPS."],
            purpose: "closing the case after charge")
        emit("  \(agency) officer later records 'charged' on the same tasking (\(charged.status.code)) and closes it with a reason (\(closed.status.code))")
    }

    /// Reads, accepts and records `outcome` on the agency's first tasking; its id.
    @discardableResult
    private func act(agency: String, outcome: [String: Any]) async throws -> String? {
        guard let tasking = try await taskings(agency).first, let id = tasking["id"] as? String else {
            emit("  \(agency): no tasking to act on")
            return nil
        }
        let reference = tasking["reference"] as? String ?? id
        let purpose = "triage of new tasking \(reference)"
        let read = try await call("tasking", .get, "/v1/taskings/\(id)", key: agencyKeys[agency]!, purpose: purpose)
        let accepted = try await call("tasking", .post, "/v1/taskings/\(id)/accept", key: agencyKeys[agency]!, json: [:], purpose: purpose)
        let recorded = try await call(
            "tasking", .post, "/v1/taskings/\(id)/outcome", key: agencyKeys[agency]!, json: outcome, purpose: "recording the outcome of \(reference)")
        emit("  \(agency) officer reads \(reference) (\(read.status.code)), accepts it (\(accepted.status.code)) and records '\(outcome["kind"]!)' (\(recorded.status.code))")
        if recorded.status.code >= 300 { emit("    \(recorded.text.prefix(400))") }
        // The note waits for a second officer of the agency before any partner may see it.
        guard let outcomeID = Self.object(recorded)["outcome_id"] as? Int, Self.object(recorded)["note_state"] as? String == "held" else { return id }
        let approved = try await call(
            "tasking", .post, "/v1/taskings/\(id)/outcomes/\(outcomeID)/note/approve", key: reviewerKeys[agency]!,
            purpose: "release review of the note on \(reference)")
        emit("  \(agency) second officer approves the note for partners (\(approved.status.code))")
        return id
    }

    private func taskings(_ agency: String) async throws -> [[String: Any]] {
        let response = try await call("tasking", .get, "/v1/taskings", key: agencyKeys[agency]!, purpose: "reviewing the tasking queue")
        let json = try? JSONSerialization.jsonObject(with: Data(response.body))
        return (json as? [[String: Any]]) ?? ((json as? [String: Any])?["items"] as? [[String: Any]]) ?? ((json as? [String: Any])?["taskings"] as? [[String: Any]]) ?? []
    }

    private func waitFor(_ what: String, count sql: String, atLeast target: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let value = try await pool.query(PostgresQuery("demo_wait", sql)).single?.decode(Int.self, at: 0) ?? 0
            if value >= target { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw DemoFailure("timed out waiting for: \(what) (see the service logs)")
    }

    private func call(
        _ service: String, _ method: HTTPMethod, _ path: String, key: String, json: [String: Any]? = nil, purpose: String? = nil
    ) async throws -> ClientResponse {
        let client = HTTPClient(port: ports[service]!, timeout: .seconds(10))
        defer { Task { await client.close() } }
        var headers = HTTPHeaders()
        headers["Authorization"] = "Bearer \(key)"
        headers["X-Request-Id"] = "demo-\(UUID().uuidString.prefix(8).lowercased())"
        if let purpose { headers[Purpose.header] = purpose }
        guard let json else { return try await client.send(method, path, headers: headers) }
        headers["Content-Type"] = "application/json"
        return try await client.send(method, path, headers: headers, body: Array(try JSONSerialization.data(withJSONObject: json)))
    }

    static func object(_ response: ClientResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    static func compact(_ value: Any) -> String {
        guard JSONSerialization.isValidJSONObject(value), let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }
}
