import Domain
import Foundation

/// A partner-and-agency simulator that drives running services only through their HTTP APIs:
/// partners refer, the exchange routes, officers act, partners pull feedback. Every step is
/// checked against what partners and agencies are shown; nothing is read from the database.
struct Simulator: Sendable {
    let intake: SimulatorClient
    let tasking: SimulatorClient
    let feedback: SimulatorClient
    let keys: SimulatorKeys
    /// Referrals submitted after the story's four, to give the workers a burst of work.
    let burst: Int
    /// How long the exchange may take to route every referral, or to write feedback.
    let patience: Duration
    let checks = SimulatorChecks()

    /// One referral the simulator submitted.
    struct Submitted: Sendable {
        let sector: Sector
        let id: String
        let reference: String
    }

    /// Plays the journey; returns the story's referrals (the burst's are only counted).
    func play() async throws -> (story: [Submitted], taskings: [String: [[String: Any]]]) {
        emit("== 1. partners refer (intake \(intake.endpoint))")
        let story = try await refer(DemoReferrals.all)
        let run = String(UInt32.random(in: 100_000...999_999))
        let extra = try await refer((0..<burst).map { SimulatorReferrals.burst($0, run: run) }, quiet: true)
        if burst > 0 { emit("  + \(extra.count) more referrals in a burst") }

        emit("\n== 2. enrichment correlates, tasking routes")
        let statuses = try await waitUntilRouted(story + extra)
        let routed = statuses.values.filter { ["tasked", "actioned"].contains($0) }.count
        checks.expect(routed == story.count + extra.count, "partners see all \(story.count + extra.count) referrals routed (status tasked)",
                      detail: "\(routed) routed; others: \(Set(statuses.values.filter { !["tasked", "actioned"].contains($0) }).sorted())")
        var taskings: [String: [[String: Any]]] = [:]
        for (agency, _) in SimulatorKeys.agencies {
            let (status, items) = try await tasking.taskings(key: try keys.officer(agency))
            checks.expect(status == 200, "\(agency) lists its taskings", detail: "HTTP \(status)")
            taskings[agency] = items
            let mine = items.filter { item in story.contains { $0.id == item["referral_id"] as? String } }
            emit("  \(agency.padding(toLength: 12, withPad: " ", startingAt: 0)) sees \(items.count) tasking(s); of the story's: "
                 + mine.map { "\($0["reference"] as? String ?? "?") \($0["priority"] as? String ?? "")" }.joined(separator: ", "))
        }
        // The telco and the bank report the same number and account: the linked network goes to
        // the Fraud Targeting Cell (which of the two referrals carries it depends on which was enriched second).
        let linked = story.filter { $0.sector == .telco || $0.sector == .finance }
        let colpTasking = (taskings["COLP_FTC"] ?? []).first { item in linked.contains { $0.id == item["referral_id"] as? String } }
        checks.expect(colpTasking != nil, "the telco's and the bank's linked referrals reach COLP_FTC")
        checks.expect(!(taskings["NCA_TICAT"] ?? []).isEmpty, "NCA_TICAT has at least one tasking")
        let listed = taskings.values.flatMap { $0 }.compactMap { $0["id"] as? String }
        checks.expect(Set(listed).count == listed.count, "no tasking is listed to two agencies")

        emit("\n== 3. officers act")
        let disrupted = linked.first { $0.id == colpTasking?["referral_id"] as? String }
        try await act("COLP_FTC", on: colpTasking, outcome: [
            "kind": "disrupted",
            "disruptions": [["kind": "block_number", "indicator_key": "phone:+447700900123"], ["kind": "freeze_account"]],
            "money_protected": ["amount": "18250.00", "currency": "GBP"],
            "partner_note": "Number blocked by the network and mule account frozen. Thank you for the referral.",
        ])
        let ncaTasking = (taskings["NCA_TICAT"] ?? []).first { item in story.contains { $0.id == item["referral_id"] as? String } }
            ?? taskings["NCA_TICAT"]?.first
        try await act("NCA_TICAT", on: ncaTasking, outcome: [
            "kind": "under_investigation",
            "embargo_until": ISO8601DateFormatter().string(from: Date().addingTimeInterval(90 * 86_400)),
            "partner_note": "Linked to a live operation.",
        ])

        emit("\n== 4. partners pull their feedback (feedback \(feedback.endpoint))")
        let items = try await waitForFeedback(disrupted: disrupted, embargoed: ncaTasking?["referral_id"] as? String, story: story)
        for sector in Sector.allCases {
            let mine = items[sector] ?? []
            emit("  \(sector.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(mine.count) item(s)")
            for item in mine {
                emit("      \(item["status"] as? String ?? "?") \(item["outcome"] as? String ?? "-"): \(item["message"] as? String ?? "")")
            }
        }
        let report = try await feedback.call(.get, "/v1/reports/benefits", key: keys.oversight)
        checks.expect(report.status == 200, "oversight reads the benefits report", detail: "HTTP \(report.status)")

        emit("\n== 5. journeys (as partners and agencies see them)")
        for referral in story {
            let agencies = taskings.filter { $0.value.contains { $0["referral_id"] as? String == referral.id } }.keys.sorted()
            let outcome = referral.id == disrupted?.id ? "disrupted" : referral.id == ncaTasking?["referral_id"] as? String ? "under_investigation" : "-"
            // What its partner was told about this referral (a network's outcome reaches every linked referral).
            let told = (items[referral.sector] ?? []).filter { $0["referral_id"] as? String == referral.id }
                .map { "\($0["status"] as? String ?? "?")\(($0["outcome"] as? String).map { " (\($0))" } ?? "")" }
            emit("  \(referral.reference) [\(referral.sector.rawValue)] received → enriched → \(statuses[referral.id] ?? "?"): "
                 + "\(agencies.isEmpty ? "no agency" : agencies.joined(separator: ", ")) → outcome recorded here: \(outcome) → its partner is told: "
                 + (told.isEmpty ? "nothing yet" : told.joined(separator: ", ")))
        }
        return (story, taskings)
    }
}
