import Foundation
import HTTP

extension FaultLoad {
    /// One officer of `agency`: takes a new tasking, accepts it and records an outcome, under an
    /// `Idempotency-Key` so a retried request is refused (409), never recorded twice.
    func officer(_ agency: String, key: String, every interval: Duration) async {
        let client = HTTPClient(port: ports["tasking"]!, timeout: .seconds(10))
        var headers = HTTPHeaders()
        headers["Authorization"] = "Bearer \(key)"
        headers["Content-Type"] = "application/json"
        // Officers state why they act; the API records it with every action.
        headers["X-Purpose"] = "triage of new tasking (fault suite load)"
        let clock = ContinuousClock()
        var next = clock.now + interval * Double.random(in: 0..<1)
        var number = 0
        while !isStopped {
            try? await Task.sleep(until: next, clock: clock)
            next = max(next + interval, clock.now)
            guard let id = await newTasking(client, headers) else { continue }
            number += 1
            let accepted = await untilAnswered(client, "/v1/taskings/\(id)/accept", headers, body: [:])
            guard let accepted, accepted.status.code == 200 || accepted.status.code == 409 else {
                // No answer: the load stopped first. A refusal: the API turned a valid request down.
                if let accepted { record { $0.refuseOfficer("accept", accepted.status.code, accepted.text) } }
                continue
            }
            var keyed = headers
            keyed["Idempotency-Key"] = "fault-outcome-\(id)"
            let answer = await untilAnswered(client, "/v1/taskings/\(id)/outcome", keyed, body: FaultReferrals.outcome(number))
            let outcomeID = answer.flatMap { (try? JSONSerialization.jsonObject(with: Data($0.body))) as? [String: Any] }?["outcome_id"]
            if answer?.status.code == 201, let outcomeID = (outcomeID as? NSNumber)?.int64Value {
                record { $0.outcomes.append(outcomeID) }
            } else if let answer, answer.status.code != 409 {
                // 409: an earlier attempt was recorded but its answer lost; the database still has it.
                record { $0.refuseOfficer("outcome", answer.status.code, answer.text) }
            }
        }
        await client.close()
    }

    /// The most urgent new tasking on the agency's work list (`?status=new&limit=1`).
    private func newTasking(_ client: HTTPClient, _ headers: HTTPHeaders) async -> String? {
        guard let response = try? await client.get("/v1/taskings?status=new&limit=1", headers: headers), response.status.code == 200,
              let list = ((try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any])?["taskings"] as? [[String: Any]]
        else { return nil }
        return list.first?["id"] as? String
    }

    /// POSTs until a response below 500 arrives (or the load stops).
    private func untilAnswered(_ client: HTTPClient, _ path: String, _ headers: HTTPHeaders, body: [String: Any]) async -> ClientResponse? {
        guard let bytes = try? JSONSerialization.data(withJSONObject: body) else { return nil }
        while !isStopped {
            if let response = try? await client.send(.post, path, headers: headers, body: Array(bytes)), response.status.code < 500 {
                return response
            }
            record { $0.retried += 1 }
            try? await Task.sleep(for: Self.retryPause)
        }
        return nil
    }
}
