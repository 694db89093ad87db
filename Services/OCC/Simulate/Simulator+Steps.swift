import Domain
import Foundation

extension Simulator {
    /// Submits each referral with its sector's partner key; a refusal is a failed check.
    func refer(_ referrals: [(Sector, [String: Any])], quiet: Bool = false) async throws -> [Submitted] {
        var submitted: [Submitted] = []
        var refused = 0
        for (sector, body) in referrals {
            let reply = try await intake.call(.post, "/v1/referrals", key: try keys.partner(sector), json: body)
            let json = reply.json
            if !quiet {
                emit("  \(sector.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) → \(reply.status) \(json["reference"] as? String ?? "?") status=\(json["status"] as? String ?? "?")")
            }
            guard reply.status < 300, let id = json["id"] as? String, let reference = json["reference"] as? String else {
                refused += 1
                emit("    refused: \(reply.text.prefix(400))")
                continue
            }
            submitted.append(Submitted(sector: sector, id: id, reference: reference))
        }
        checks.expect(refused == 0, "intake accepts all \(referrals.count) \(quiet ? "burst " : "")referrals", detail: "\(refused) refused")
        return submitted
    }

    /// Polls each referral as its partner sees it until it is routed or `patience` runs out;
    /// returns the last status of each.
    func waitUntilRouted(_ referrals: [Submitted]) async throws -> [String: String] {
        var statuses: [String: String] = [:]
        var pending = referrals
        let deadline = ContinuousClock.now + patience
        while !pending.isEmpty {
            var still: [Submitted] = []
            for referral in pending {
                let reply = try await intake.call(.get, "/v1/referrals/\(referral.id)", key: try keys.partner(referral.sector))
                let status = reply.json["status"] as? String ?? "HTTP \(reply.status)"
                statuses[referral.id] = status
                if !["tasked", "actioned"].contains(status) { still.append(referral) }
            }
            pending = still
            if pending.isEmpty || ContinuousClock.now > deadline { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        return statuses
    }

    /// An officer reads, accepts and records an outcome on `tasking`, stating a purpose each time.
    func act(_ agency: String, on tasking: [String: Any]?, outcome: [String: Any]) async throws {
        guard checks.expect(tasking?["id"] is String, "\(agency) has a tasking to act on"), let tasking, let id = tasking["id"] as? String else { return }
        let key = try keys.officer(agency)
        let reference = tasking["reference"] as? String ?? id
        let purpose = "triage of new tasking \(reference)"
        let read = try await self.tasking.call(.get, "/v1/taskings/\(id)", key: key, purpose: purpose)
        let accepted = try await self.tasking.call(.post, "/v1/taskings/\(id)/accept", key: key, json: [:], purpose: purpose)
        let recorded = try await self.tasking.call(
            .post, "/v1/taskings/\(id)/outcome", key: key, json: outcome, purpose: "recording the outcome of \(reference)")
        checks.expect(read.status == 200 && accepted.status == 200 && recorded.status < 300,
                      "\(agency) officer reads \(reference) (\(read.status)), accepts it (\(accepted.status)) and records '\(outcome["kind"]!)' (\(recorded.status))",
                      detail: recorded.text.prefix(300).description)
    }

    /// Pulls every partner's feedback until the partner of the disrupted referral sees its outcome
    /// and the embargoed referral's partner sees only that it is being actioned; returns each partner's items.
    func waitForFeedback(disrupted: Submitted?, embargoed: String?, story: [Submitted]) async throws -> [Sector: [[String: Any]]] {
        let deadline = ContinuousClock.now + patience
        var items: [Sector: [[String: Any]]] = [:]
        var outcomeSeen = false, embargoSeen = embargoed == nil
        while true {
            for sector in Sector.allCases {
                let reply = try await feedback.call(.get, "/v1/feedback", key: try keys.partner(sector))
                items[sector] = reply.json["items"] as? [[String: Any]] ?? []
            }
            let all = items.values.flatMap { $0 }
            outcomeSeen = (items[disrupted?.sector ?? .telco] ?? []).contains {
                $0["referral_id"] as? String == disrupted?.id && $0["outcome"] as? String == "disrupted"
            }
            if let embargoed { embargoSeen = all.contains { $0["referral_id"] as? String == embargoed } }
            if (outcomeSeen && embargoSeen) || ContinuousClock.now > deadline { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        checks.expect(outcomeSeen, "the \(disrupted?.sector.rawValue ?? "linked") partner sees its referral's outcome: disrupted")
        if let embargoed {
            let item = items.values.flatMap { $0 }.first { $0["referral_id"] as? String == embargoed }
            checks.expect(item?["status"] as? String == "being_actioned" && item?["outcome"] == nil,
                          "under embargo the partner learns only that its referral is being actioned",
                          detail: "\(item.map { "\($0["status"] ?? "?") \($0["outcome"] ?? "-")" } ?? "no item")")
        }
        let foreign = Sector.allCases.flatMap { sector in
            (items[sector] ?? []).filter { item in story.contains { $0.id == item["referral_id"] as? String && $0.sector != sector } }
        }
        checks.expect(foreign.isEmpty, "no partner sees feedback on another partner's referral", detail: "\(foreign.count) item(s)")
        return items
    }
}
