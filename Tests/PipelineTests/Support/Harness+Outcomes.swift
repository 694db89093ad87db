import Foundation

extension PipelineHarness {
    /// The id of `agency`'s tasking for `referral`, as the agency API lists it.
    func taskingID(agency token: String, referral: UUID) async throws -> String? {
        let list = try await call(tasking.router, .get, "/v1/taskings", token: token)
        let taskings = list.json["taskings"]?.arrayValue ?? []
        return taskings.first { $0["referral_id"]?.stringValue == referral.uuidString.lowercased() }?["id"]?.stringValue
    }

    /// Records an outcome through the agency API and waits until its feedback job has run.
    func recordOutcome(agency token: String, tasking id: String, _ body: String) async throws -> TestResponse {
        let response = try await call(
            tasking.router, .post, "/v1/taskings/\(id)/outcome", token: token, body: body, purpose: "recording the outcome")
        _ = try await eventually {
            try await count("SELECT count(*) FROM occ_jobs WHERE kind = 'deliver_feedback' AND state <> 'scheduled'") == 0
        }
        return response
    }

    /// Approves or refuses an outcome's held note through the agency API and waits until any
    /// delivery it enqueued has run.
    func decideNote(agency token: String, tasking id: String, outcome: Int, approve: Bool) async throws -> TestResponse {
        let response = try await call(
            tasking.router, .post, "/v1/taskings/\(id)/outcomes/\(outcome)/note/\(approve ? "approve" : "refuse")", token: token,
            purpose: "release review of the partner note")
        _ = try await eventually {
            try await count("SELECT count(*) FROM occ_jobs WHERE kind = 'deliver_feedback' AND state <> 'scheduled'") == 0
        }
        return response
    }

    /// The feedback items a partner pulls.
    func feedbackItems(_ partner: TestPartner, since: String? = nil) async throws -> TestResponse {
        try await call(feedback.router, .get, "/v1/feedback" + (since.map { "?since=\($0)" } ?? ""), token: partner.token)
    }

    /// The outcome the FTC records against the bank's referral in several tests.
    static let disruptedOutcome = """
        {"kind": "disrupted",
         "disruptions": [{"kind": "block_number", "indicator_key": "phone:+447700900123"},
                         {"kind": "freeze_account", "indicator_key": "uk_bank_account:60-16-13 31926819"}],
         "money_protected": {"amount": "5000", "currency": "GBP"},
         "partner_note": "Mule account frozen and the number blocked."}
        """
}
