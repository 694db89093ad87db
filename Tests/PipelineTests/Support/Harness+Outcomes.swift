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

    /// The feedback items a partner pulls; `query` is the query string without `?`. A read of the
    /// whole feed waits until it shows every stored item: the feed hands an item out only once
    /// every older transaction in the cluster has ended (docs/polling.md), and other tests share
    /// the cluster.
    func feedbackItems(_ partner: TestPartner, query: String = "") async throws -> TestResponse {
        var response = try await call(feedback.router, .get, "/v1/feedback" + (query.isEmpty ? "" : "?\(query)"), token: partner.token)
        guard query.isEmpty else { return response }
        _ = try await eventually {
            let stored = try await count("SELECT count(*) FROM feedback_items WHERE partner_id = $1", partner.id)
            if response.json["items"]?.arrayValue?.count == stored { return true }
            response = try await call(feedback.router, .get, "/v1/feedback", token: partner.token)
            return response.json["items"]?.arrayValue?.count == stored
        }
        return response
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
